import '../ui/pages.css';
import { type FormEvent, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogue';
import type { CreatedBoard } from '../../shared/protocol';
import { type TemplateId, TEMPLATES } from '../../shared/templates/index';
import { apiCreateBoard } from '../api';
import { useT } from '../i18n/I18n';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { InvitePanel } from '../invite/InvitePanel';

const TEMPLATE_TEXT: Record<TemplateId, MessageKey> = {
  'excite-d1.4': 'pages.home.template.excite',
  blank: 'pages.home.template.blank',
  'previous-board': 'pages.home.template.previous',
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
  const { t } = useT();
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
        setError(t('pages.home.create.previous.invalid'));
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
      <div className="page-top">
        <h1>Clusterboard</h1>
        <LanguagePicker className="page-language" />
      </div>
      <p className="lead">{t('pages.home.lead')}</p>
      {created ? (
        <section aria-labelledby="created-heading" className="card created-board">
          <h2 id="created-heading">{t('pages.home.created.heading', { title: created.title })}</h2>
          <p>
            <a className="open-board" href={created.links.facilitator}>
              {t('pages.home.created.open')}
            </a>
          </p>
          <InvitePanel links={created.links} boardTitle={created.title} />
          <p>{t('pages.home.created.keep')}</p>
        </section>
      ) : (
        <form className="card form" onSubmit={submit}>
          <h2>{t('pages.home.create.heading')}</h2>
          <label>
            {t('pages.home.create.title')}
            <input
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
              maxLength={200}
              placeholder={t('pages.home.create.title.placeholder')}
            />
          </label>
          <label>
            {t('pages.home.create.template')}
            <select value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)}>
              {TEMPLATES.map((option) => (
                <option key={option.id} value={option.id}>
                  {t(TEMPLATE_TEXT[option.id])}
                </option>
              ))}
            </select>
          </label>
          {template === 'previous-board' && (
            <label>
              {t('pages.home.create.previous')}
              <input value={previousLink} onChange={(e) => setPreviousLink(e.target.value)} placeholder="https://…/b/…#token=…" />
              <span className="field-hint">{t('pages.home.create.previous.hint')}</span>
            </label>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('pages.home.create.submitting') : t('pages.home.create.submit')}
          </button>
        </form>
      )}
    </main>
  );
}
