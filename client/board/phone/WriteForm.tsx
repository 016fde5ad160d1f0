/**
 * "Write a note" on a phone: where it goes (dimension and kind, remembered), the text, Send.
 * It writes through the session's addNote, as a cell's composer does, so private writing and locks apply alike.
 */
import { type FormEvent, type KeyboardEvent, useId, useRef, useState, useSyncExternalStore } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { NOTE_TEXT_MAX } from '../../../shared/model/schema';
import { dimensionLabel, DIMENSIONS, KINDS } from '../../../shared/model/vocabulary';
import { useT } from '../../i18n/I18n';
import { useBoard, useControl } from '../context';
import { SimilarNotes } from '../suggest/SimilarNotes';
import type { WriteChoice } from './writeChoice';

function Closed() {
  const { t } = useT();
  const { lock } = useControl();
  return (
    <section className="phone-write phone-write-closed" aria-label={t('room.write')}>
      <p role="status">{lock.board ? t('room.write.closed.locked') : t('room.write.closed')}</p>
    </section>
  );
}

export function WriteForm({ choice, onChoice }: { choice: WriteChoice; onChoice(choice: WriteChoice): void }) {
  const { session, canWrite, writable, run } = useBoard();
  const { t } = useT();
  const privately = useSyncExternalStore(session.workshop.subscribe, () => session.workshop.writesPrivately);
  const [text, setText] = useState('');
  // What was last sent, and where: the sentence is said in the language shown now.
  const [sent, setSent] = useState<(WriteChoice & { privately: boolean }) | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = useId();
  if (!canWrite) return <Closed />;

  const locked = !writable(choice.dimension);
  const placeOf = (where: WriteChoice) => `${dimensionLabel(where.dimension)} · ${t(kindKey(where.kind))}`;

  const send = () => {
    const note = text.trim();
    if (note.length === 0 || locked) return;
    if (!run(() => session.commands.addNote(choice, note))) return;
    setText('');
    setSent({ privately, ...choice });
    textarea.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter also confirms an input-method composition (Chinese, Japanese, ...): not a send.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  return (
    <section className={`phone-write${privately ? ' is-private' : ''}`} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{privately ? t('room.write.private') : t('room.write')}</h2>
      {privately && <p className="phone-write-hint">{t('room.write.private.hint')}</p>}
      <form onSubmit={onSubmit} className="phone-write-form">
        <label className="phone-field">
          <span>{t('room.write.dimension')}</span>
          <select value={choice.dimension} onChange={(e) => onChoice({ ...choice, dimension: e.target.value as WriteChoice['dimension'] })}>
            {DIMENSIONS.map((dimension, index) => (
              <option key={dimension.id} value={dimension.id}>
                {writable(dimension.id)
                  ? `${index + 1}. ${dimension.label}`
                  : t('room.write.dimension.locked', { number: index + 1, dimension: dimension.label })}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="phone-kinds">
          <legend>{t('room.write.kind')}</legend>
          {KINDS.map((kind) => (
            <label key={kind.id} className={`phone-kind kind-${kind.id}`}>
              <input
                type="radio"
                name={`${ids}-kind`}
                value={kind.id}
                checked={choice.kind === kind.id}
                onChange={() => onChoice({ ...choice, kind: kind.id })}
              />
              <span>{t(kindKey(kind.id))}</span>
            </label>
          ))}
        </fieldset>
        <label className="phone-field">
          <span>{t('room.write.note')}</span>
          <textarea
            ref={textarea}
            value={text}
            rows={3}
            maxLength={NOTE_TEXT_MAX}
            aria-describedby={`${ids}-keys`}
            onChange={(e) => {
              setText(e.target.value);
              setSent(null);
            }}
            onKeyDown={onKeyDown}
          />
        </label>
        <p className="phone-write-keys" id={`${ids}-keys`}>
          {t('room.write.keys')}
        </p>
        {locked && (
          <p className="phone-write-locked" role="status">
            {t('room.write.locked', { dimension: dimensionLabel(choice.dimension) })}
          </p>
        )}
        <button type="submit" className="primary phone-send" disabled={locked || text.trim().length === 0}>
          {privately ? t('room.write.save') : t('room.write.send')}
        </button>
      </form>
      <SimilarNotes text={text} />
      <p className="phone-write-sent" role="status">
        {sent && t(sent.privately ? 'room.write.saved' : 'room.write.sent', { place: placeOf(sent) })}
      </p>
    </section>
  );
}
