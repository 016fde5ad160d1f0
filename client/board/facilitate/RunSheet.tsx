import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/I18n';
import { useControl } from '../context';
import { pressable, Problem } from './parts';
import { RunSheetEditor } from './RunSheetEditor';
import { standardRunSheet, stepEffects, stepSummary } from './steps';
import { useCommand } from './useAction';
import { useFocusAfterSwitch } from './useFocusAfterSwitch';

/** The run-sheet: where the workshop is, what "Next step" will do, and every step to start or edit. */
export function RunSheet() {
  const { t } = useT();
  const { steps } = useControl();
  const [editing, setEditing] = useState(false);
  // Opening or closing the editor replaces what had focus: move it to the first thing there.
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    const target = editing
      ? document.querySelector<HTMLElement>('#facilitate-run-sheet-editor input, #facilitate-run-sheet-editor button')
      : document.getElementById('facilitate-edit-run-sheet');
    target?.focus();
  }, [editing]);
  const toggle = (next: boolean) => {
    moveFocus.current = true;
    setEditing(next);
  };

  const expect = useFocusAfterSwitch(steps.length === 0 ? 'empty' : 'steps');

  if (editing) return <RunSheetEditor steps={steps} onDone={() => toggle(false)} />;
  return (
    <>
      {steps.length === 0 ? <EmptyRunSheet onFilling={() => expect(NEXT_ID)} /> : <NextStep />}
      {steps.length > 0 && <StepList />}
      <button type="button" id="facilitate-edit-run-sheet" onClick={() => toggle(true)}>
        {t('facilitate.runSheet.edit')}
      </button>
    </>
  );
}

const NEXT_ID = 'facilitate-next-step';

function EmptyRunSheet({ onFilling }: { onFilling(): void }) {
  const { t } = useT();
  const use = useCommand();
  return (
    <div className="empty-run-sheet">
      <p>{t('facilitate.runSheet.empty')}</p>
      <ol className="standard-steps">
        {standardRunSheet().map((step) => (
          <li key={step.title}>
            <strong>{step.title}</strong> · {stepSummary(step)}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="primary"
        {...pressable(use.busy, () => {
          onFilling();
          use.send({ type: 'setSteps', steps: standardRunSheet() });
        })}
      >
        {t('facilitate.runSheet.useStandard')}
      </button>
      <Problem text={use.problem} />
    </div>
  );
}

function NextStep() {
  const { t } = useT();
  const { steps, currentStep } = useControl();
  const next = useCommand();
  const current = steps[currentStep];
  // Titles are shown once, in the list below, where the current and next steps are marked.
  const upcoming = steps[currentStep + 1];
  return (
    <div className="next-step">
      <p className="now">
        {current ? t('facilitate.runSheet.now', { number: currentStep + 1, total: steps.length }) : t('facilitate.runSheet.notStarted')}
      </p>
      <button
        type="button"
        id={NEXT_ID}
        className="primary next-step-button"
        aria-describedby="facilitate-next-effects"
        {...pressable(!upcoming || next.busy, () => next.send({ type: 'startStep', index: currentStep + 1 }))}
      >
        {t('facilitate.runSheet.next')}
      </button>
      <Problem text={next.problem} />
      <div id="facilitate-next-effects" className="next-effects">
        {upcoming ? (
          <>
            <p>{t('facilitate.runSheet.next.starts', { number: currentStep + 2 })}</p>
            <ul>
              {stepEffects(upcoming).map((effect) => (
                <li key={effect}>{effect}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('facilitate.runSheet.last')}</p>
        )}
      </div>
    </div>
  );
}

function StepList() {
  const { t } = useT();
  const { steps, currentStep } = useControl();
  const start = useCommand();
  return (
    <>
      <ol className="run-sheet-steps" aria-label={t('facilitate.runSheet.steps')}>
        {steps.map((step, index) => (
          <li key={step.id} className={index === currentStep ? 'current' : undefined} aria-current={index === currentStep ? 'step' : undefined}>
            <div className="step-text">
              <span className="step-title">
                {index + 1}. {step.title}
                {index === currentStep && <span className="now-badge"> · {t('facilitate.runSheet.now.badge')}</span>}
                {index === currentStep + 1 && <span className="next-badge"> · {t('facilitate.runSheet.next.badge')}</span>}
              </span>
              <span className="step-summary">{stepSummary(step)}</span>
            </div>
            <button
              type="button"
              aria-label={t('facilitate.runSheet.start.label', { number: index + 1, title: step.title })}
              {...pressable(start.busy, () => start.send({ type: 'startStep', index }))}
            >
              {t('facilitate.runSheet.start')}
            </button>
          </li>
        ))}
      </ol>
      <Problem text={start.problem} />
    </>
  );
}
