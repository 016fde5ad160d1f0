import { type KeyboardEvent, useId, useState } from 'react';

/**
 * One field of the report's forms: typed into freely (spaces and half-written dates included),
 * saved when the person leaves it or presses Enter. While it is not being edited it shows what
 * the board holds, so a colleague's change appears in it at once.
 */
export function DraftField({
  label,
  value,
  max,
  type = 'text',
  multiline = false,
  onSave,
}: {
  label: string;
  value: string;
  max: number;
  type?: 'text' | 'date';
  multiline?: boolean;
  onSave(value: string): void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft !== null && draft !== value) onSave(draft);
    setDraft(null);
  };
  const common = {
    id,
    value: draft ?? value,
    maxLength: max,
    onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
    onBlur: save,
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    event.preventDefault();
    save();
  };
  return (
    <div className="facilitate-field report-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea rows={Math.min(6, Math.max(2, Math.ceil((draft ?? value).length / 36)))} {...common} />
      ) : (
        <input type={type} {...common} onKeyDown={onKeyDown} />
      )}
    </div>
  );
}
