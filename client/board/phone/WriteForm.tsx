/**
 * "Write a note" on a phone: where it goes (dimension and kind, remembered), the text, Send.
 * It writes through the session's addNote, as a cell's composer does, so private writing and locks apply alike.
 */
import { type FormEvent, type KeyboardEvent, useId, useRef, useState, useSyncExternalStore } from 'react';
import { NOTE_TEXT_MAX } from '../../../shared/model/schema';
import { dimensionLabel, DIMENSIONS, kindLabel, KINDS } from '../../../shared/model/vocabulary';
import { useBoard, useControl } from '../context';
import type { WriteChoice } from './writeChoice';

function Closed() {
  const { lock } = useControl();
  return (
    <section className="phone-write phone-write-closed" aria-label="Write a note">
      <p role="status">
        {lock.board ? 'The facilitator has locked the board: you can write again once it is unlocked.' : 'You cannot write on this board right now.'}
      </p>
    </section>
  );
}

export function WriteForm({ choice, onChoice }: { choice: WriteChoice; onChoice(choice: WriteChoice): void }) {
  const { session, canWrite, writable, run } = useBoard();
  const privately = useSyncExternalStore(session.workshop.subscribe, () => session.workshop.writesPrivately);
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const ids = useId();
  if (!canWrite) return <Closed />;

  const locked = !writable(choice.dimension);
  const place = `${dimensionLabel(choice.dimension)} · ${kindLabel(choice.kind)}`;

  const send = () => {
    const note = text.trim();
    if (note.length === 0 || locked) return;
    if (!run(() => session.commands.addNote(choice, note))) return;
    setText('');
    setSent(privately ? `Saved privately in ${place}. Only you can see it until you reveal it.` : `Sent to ${place}.`);
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
      <h2 id={`${ids}-heading`}>{privately ? 'Write a private note' : 'Write a note'}</h2>
      {privately && <p className="phone-write-hint">Private writing is on: only you see your new notes until you reveal them.</p>}
      <form onSubmit={onSubmit} className="phone-write-form">
        <label className="phone-field">
          <span>Dimension</span>
          <select value={choice.dimension} onChange={(e) => onChoice({ ...choice, dimension: e.target.value as WriteChoice['dimension'] })}>
            {DIMENSIONS.map((dimension, index) => (
              <option key={dimension.id} value={dimension.id}>
                {writable(dimension.id) ? `${index + 1}. ${dimension.label}` : `${index + 1}. ${dimension.label} (locked)`}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="phone-kinds">
          <legend>Kind</legend>
          {KINDS.map((kind) => (
            <label key={kind.id} className={`phone-kind kind-${kind.id}`}>
              <input
                type="radio"
                name={`${ids}-kind`}
                value={kind.id}
                checked={choice.kind === kind.id}
                onChange={() => onChoice({ ...choice, kind: kind.id })}
              />
              <span>{kind.label}</span>
            </label>
          ))}
        </fieldset>
        <label className="phone-field">
          <span>Your note</span>
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
          Enter sends, Shift+Enter starts a new line.
        </p>
        {locked && (
          <p className="phone-write-locked" role="status">
            The facilitator has locked {dimensionLabel(choice.dimension)}. Pick another dimension to write.
          </p>
        )}
        <button type="submit" className="primary phone-send" disabled={locked || text.trim().length === 0}>
          {privately ? 'Save privately' : 'Send'}
        </button>
      </form>
      <p className="phone-write-sent" role="status">
        {sent}
      </p>
    </section>
  );
}
