import '../ui/pages.css';
import { type FormEvent, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogue';
import { PERSON_NAME_MAX } from '../../shared/model/schema';
import { CLUSTER_NAME_MAX, CLUSTERS, otherCluster, parseClusterRef } from '../../shared/model/vocabulary';
import type { Role } from '../../shared/protocol';
import { useT } from '../i18n/I18n';
import { LanguagePicker } from '../i18n/LanguagePicker';
import { type Identity, newIdentity } from './identity';

const OTHER = '__other__';

const ROLE_NOTE: Record<Role, MessageKey> = {
  facilitator: 'pages.join.role.facilitator',
  participant: 'pages.join.role.participant',
  viewer: 'pages.join.role.viewer',
};

export function JoinForm({
  boardTitle,
  role,
  previous,
  onJoin,
  onCancel,
  clusterFixed = false,
}: {
  boardTitle: string;
  role: Role;
  /** The person's current identity when they change it; null when joining. */
  previous: Identity | null;
  /** May return a promise; its rejection is shown on the form. */
  onJoin(identity: Identity): void | Promise<void>;
  onCancel?: () => void;
  /** A vote is open: the server refuses a new cluster until it closes (SPEC SE3), so say so here. */
  clusterFixed?: boolean;
}) {
  const { t } = useT();
  const previousOther = previous?.cluster.startsWith('other:') ? previous.cluster.slice('other:'.length) : '';
  const [name, setName] = useState(previous?.name ?? '');
  const [cluster, setCluster] = useState<string>(previous ? (previousOther ? OTHER : previous.cluster) : '');
  const [otherName, setOtherName] = useState(previousOther);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim().length === 0) return setError(t('pages.join.error.name'));
    const ref = cluster === OTHER ? parseClusterRef(otherCluster(otherName)) : parseClusterRef(cluster);
    if (!ref) return setError(t(cluster === OTHER ? 'pages.join.error.otherName' : 'pages.join.error.cluster'));
    setError(null);
    setBusy(true);
    Promise.resolve(onJoin(newIdentity(name, ref, previous)))
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : t('pages.join.error.failed')))
      .finally(() => setBusy(false));
  };

  const form = (
    <form
      className="card form"
      onSubmit={submit}
      aria-labelledby="join-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel();
      }}
    >
      {previous ? (
        <h1 id="join-heading">{t('pages.join.heading.change')}</h1>
      ) : (
        <>
          <div className="page-top">
            <h1 id="join-heading">{t('pages.join.heading', { title: boardTitle })}</h1>
            <LanguagePicker className="page-language" />
          </div>
          <p>
            {t(ROLE_NOTE[role])} {t('pages.join.seen')}
          </p>
        </>
      )}
      <label>
        {t('pages.join.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={PERSON_NAME_MAX} autoFocus autoComplete="name" />
      </label>
      <label>
        {t('pages.join.cluster')}
        <select
          value={cluster}
          onChange={(e) => setCluster(e.target.value)}
          disabled={clusterFixed}
          aria-describedby={clusterFixed ? 'join-cluster-fixed' : undefined}
        >
          <option value="" disabled>
            {t('pages.join.cluster.choose')}
          </option>
          {CLUSTERS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
          <option value={OTHER}>{t('pages.join.cluster.other')}</option>
        </select>
      </label>
      {clusterFixed && (
        <p id="join-cluster-fixed" className="field-hint">
          {t('pages.join.cluster.fixed')}
        </p>
      )}
      {cluster === OTHER && (
        <label>
          {t('pages.join.cluster.otherName')}
          <input value={otherName} onChange={(e) => setOtherName(e.target.value)} maxLength={CLUSTER_NAME_MAX} disabled={clusterFixed} />
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {previous ? t('common.save') : t('pages.join.submit')}
        </button>
        {onCancel && (
          <button type="button" className="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
  return previous ? form : <main className="home">{form}</main>;
}
