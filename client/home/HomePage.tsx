import { useState, type FormEvent } from 'react';
import type { CreatedBoard } from '../../shared/protocol';
import { TEMPLATES, type TemplateId } from '../../shared/templates/index';
import { apiCreateBoard } from '../api';

const ROLE_TEXT = {
  facilitator: 'Facilitator link: keep it for yourself and co-facilitators.',
  participant: 'Participant link: share it with the workshop.',
  viewer: 'Viewer link: read-only, for observers and the projector.',
} as const;

export function HomePage() {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<TemplateId>('excite-d1.4');
  const [created, setCreated] = useState<CreatedBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await apiCreateBoard(title, template));
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
        A live workshop board for industry clusters: challenges, needed practices and good practices across the five
        cluster-management dimensions.
      </p>
      {created ? (
        <section aria-labelledby="created-heading" className="card">
          <h2 id="created-heading">Board “{created.title}” is ready</h2>
          <ul className="link-list">
            {(Object.keys(ROLE_TEXT) as (keyof typeof ROLE_TEXT)[]).map((role) => (
              <li key={role}>
                <p>{ROLE_TEXT[role]}</p>
                <a href={created.links[role]}>{created.links[role]}</a>
              </li>
            ))}
          </ul>
          <p>Anyone with a link can open the board with that role. Keep the links somewhere safe.</p>
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
                  {t.id === 'excite-d1.4' ? 'EXCITE D1.4 (the report’s challenges and practices)' : t.label}
                </option>
              ))}
            </select>
          </label>
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
