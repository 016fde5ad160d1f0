import { type FormEvent, useState } from 'react';
import type { CreatedBoard } from '../../shared/protocol';
import { type TemplateId, TEMPLATES } from '../../shared/templates/index';
import { apiCreateBoard } from '../api';
import { InvitePanel } from '../invite/InvitePanel';

const TEMPLATE_TEXT: Record<TemplateId, string> = {
  'excite-d1.4': 'EXCITE D1.4 (the report’s challenges and practices)',
  blank: 'Blank five-dimension workshop',
  'previous-board': 'From a previous board (its good practices and open needs)',
};

/** The board id and token in a board link (`…/b/<id>#token=<token>`), or null. */
export function parseBoardLink(link: string): { board: string; token: string } | null {
  try {
    const url = new URL(link.trim(), window.location.origin);
    const board = /^\/b\/([^/]+)$/.exec(url.pathname)?.[1];
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    return board && token ? { board: decodeURIComponent(board), token } : null;
  } catch {
    return null;
  }
}

export function HomePage() {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('excite-d1.4');
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previousLink, setPreviousLink] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let from: { board: string; token: string } | undefined;
    if (template === 'previous-board') {
      const parsed = parseBoardLink(previousLink);
      if (!parsed) {
        setError('Paste the full link of the previous board: it contains “/b/” and ends with “#token=…”.');
        return;
      }
      from = parsed;
    }
    setBusy(true);
    setError(null);
    try {
      setCreated(await apiCreateBoard(title, template, from));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="home">
      <h1>Clusterboard</h1>
      <p className="lead">
        A live workshop board for industry clusters: challenges, needed practices and good practices across the five cluster-management dimensions.
      </p>
      {created ? (
        <section aria-labelledby="created-heading" className="card created-board">
          <h2 id="created-heading">Board “{created.title}” is ready</h2>
          <p>
            <a className="open-board" href={created.links.facilitator}>
              Open the board as facilitator
            </a>
          </p>
          <InvitePanel links={created.links} boardTitle={created.title} />
          <p>Anyone with a link can open the board with that role. Keep the links somewhere safe; inside the board, Invite shows them again.</p>
        </section>
      ) : (
        <form className="card form" onSubmit={submit}>
          <h2>Create a board</h2>
          <label>
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} placeholder="Strategy workshop, Dresden" />
          </label>
          <label>
            Start from
            <select value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)}>
              {TEMPLATES.map((t) => (
                <option key={t.id} value={t.id}>
                  {TEMPLATE_TEXT[t.id]}
                </option>
              ))}
            </select>
          </label>
          {template === 'previous-board' && (
            <label>
              Link to the previous board (facilitator or participant link)
              <input value={previousLink} onChange={(e) => setPreviousLink(e.target.value)} placeholder="https://…/b/…#token=…" />
              <span className="field-hint">
                Its good practices and the needs nobody has answered yet are carried over, each marked with where it came from.
              </span>
            </label>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create board'}
          </button>
        </form>
      )}
    </main>
  );
}
