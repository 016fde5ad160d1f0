import { type ReactNode, useId, useState } from 'react';

/** A titled, collapsible part of the panel. Open by default: everything is one Tab away. */
export function PanelSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  const headingId = `facilitate-${id}`;
  const bodyId = `${headingId}-body`;
  return (
    <section className="facilitate-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="facilitate-heading">
        <button type="button" className="section-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          <span className="section-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
      </h2>
      <div id={bodyId} className="section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/** A refusal next to the control that caused it. */
export function Problem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="facilitate-problem" role="alert">
      {text}
    </p>
  );
}

/** A quiet confirmation that something happened. */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="facilitate-notice" role="status">
      {text}
    </p>
  );
}

/** A checkbox with its label beside it; the hint describes it without becoming part of its name. */
export function Toggle({
  label,
  checked,
  disabled = false,
  hint,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  hint?: string;
  onChange(checked: boolean): void;
}) {
  const hintId = useId();
  return (
    <div className="facilitate-toggle">
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint && (
        <p id={hintId} className="toggle-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Props for a button that is sometimes unavailable. It stays focusable and says it is unavailable
 * (aria-disabled) instead of `disabled`, which would drop a keyboard user's focus to the page the
 * moment the button they pressed turns itself off (the last "Next step", "Clear timer").
 */
export function pressable(unavailable: boolean, onPress: () => void): { 'aria-disabled': true | undefined; onClick(): void } {
  return {
    'aria-disabled': unavailable ? true : undefined,
    onClick: () => {
      if (!unavailable) onPress();
    },
  };
}
