import { useEffect, useRef, useState } from 'react';
import { MAX_STEPS, type Step } from '../../../shared/workshop/control';
import { useT } from '../../i18n/I18n';
import { Problem } from './parts';
import { newStepDraft, readStepDrafts, type StepDraft, stepDraft } from './stepDraft';
import { StepFields } from './StepFields';
import { standardRunSheet } from './steps';
import { useCommand } from './useAction';

/**
 * Add, edit, remove and reorder steps; nothing reaches the server until "Save run-sheet", which
 * replaces the whole list (the running step keeps running, found again by its id).
 */
export function RunSheetEditor({ steps, onDone }: { steps: Step[]; onDone(): void }) {
  const { t } = useT();
  const [drafts, setDrafts] = useState<StepDraft[]>(() => steps.map(stepDraft));
  const [startedFrom] = useState(steps);
  const [invalidId, setInvalidId] = useState<string | null>(null);
  const save = useCommand();
  // The element to focus once React has drawn the list after a move, an addition or a removal.
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  // While saving, the server's copy changes because of this save: that is no one else's change.
  const changedElsewhere = !save.busy && JSON.stringify(steps) !== JSON.stringify(startedFrom);

  const update = (id: string, next: StepDraft) => setDrafts(drafts.map((d) => (d.id === id ? next : d)));

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    const moving = drafts[index];
    const other = drafts[target];
    if (!moving || !other) return;
    const next = [...drafts];
    next[index] = other;
    next[target] = moving;
    setDrafts(next);
    // At the top or bottom the button just pressed is disabled: focus its partner instead.
    const edge = target === 0 || target === drafts.length - 1;
    focusNext.current = `step-${moving.id}-${edge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down'}`;
  };

  const remove = (id: string) => {
    setDrafts(drafts.filter((d) => d.id !== id));
    focusNext.current = 'facilitate-add-step';
  };

  const add = () => {
    const draft = newStepDraft();
    setDrafts([...drafts, draft]);
    focusNext.current = `step-${draft.id}-title`;
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (save.busy) return;
    const checked = readStepDrafts(drafts);
    if (!checked.ok) {
      setInvalidId(checked.stepId ?? null);
      save.refuse(checked.problem);
      return;
    }
    setInvalidId(null);
    save.send({ type: 'setSteps', steps: checked.value }, { onDone });
  };

  return (
    <form id="facilitate-run-sheet-editor" className="run-sheet-editor" onSubmit={submit} aria-label={t('facilitate.editor.label')} noValidate>
      {drafts.length === 0 ? (
        <div className="empty-run-sheet">
          <p>{t('facilitate.editor.none')}</p>
          <button
            type="button"
            onClick={() => {
              const standard = standardRunSheet().map(stepDraft);
              setDrafts(standard);
              focusNext.current = standard[0] ? `step-${standard[0].id}-title` : null;
            }}
          >
            {t('facilitate.runSheet.useStandard')}
          </button>
        </div>
      ) : (
        <ol className="step-drafts">
          {drafts.map((draft, index) => (
            <li key={draft.id}>
              <StepFields
                draft={draft}
                index={index}
                count={drafts.length}
                invalid={draft.id === invalidId}
                onChange={(next) => update(draft.id, next)}
                onMove={(delta) => move(index, delta)}
                onRemove={() => remove(draft.id)}
              />
            </li>
          ))}
        </ol>
      )}
      <button type="button" id="facilitate-add-step" onClick={add} disabled={drafts.length >= MAX_STEPS}>
        {t('facilitate.editor.add')}
      </button>
      {drafts.length >= MAX_STEPS && <p className="field-hint">{t('facilitate.editor.max', { max: MAX_STEPS })}</p>}
      {changedElsewhere && <p className="facilitate-warning">{t('facilitate.editor.changedElsewhere')}</p>}
      <Problem text={save.problem} />
      <div className="facilitate-actions">
        <button type="submit" className="primary">
          {t('facilitate.editor.save')}
        </button>
        <button type="button" className="quiet" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
