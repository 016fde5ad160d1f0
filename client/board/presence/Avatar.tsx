import type { Present } from './people';
import { initials } from './people';

/** A person's initials on their presence colour; the name is said by the text next to it. */
export function Avatar({ person }: { person: Present }) {
  return (
    <span
      className={`avatar${person.typing ? ' is-typing' : ''}${person.isSelf ? ' is-self' : ''}`}
      style={{ background: person.colour }}
      aria-hidden="true"
    >
      {initials(person.name)}
    </span>
  );
}
