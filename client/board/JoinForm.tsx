import { type FormEvent, useState } from 'react';
import { PERSON_NAME_MAX } from '../../shared/model/schema';
import { CLUSTER_NAME_MAX, CLUSTERS, otherCluster, parseClusterRef } from '../../shared/model/vocabulary';
import type { Role } from '../../shared/protocol';
import { type Identity, newIdentity } from './identity';

const OTHER = '__other__';

const ROLE_NOTE: Record<Role, string> = {
  facilitator: 'You are joining as a facilitator.',
  participant: 'You are joining as a participant.',
  viewer: 'You are joining as a viewer: you can follow the board but not change it.',
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
  const previousOther = previous?.cluster.startsWith('other:') ? previous.cluster.slice('other:'.length) : '';
  const [name, setName] = useState(previous?.name ?? '');
  const [cluster, setCluster] = useState<string>(previous ? (previousOther ? OTHER : previous.cluster) : '');
  const [otherName, setOtherName] = useState(previousOther);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim().length === 0) return setError('Please tell us your name.');
    const ref = cluster === OTHER ? parseClusterRef(otherCluster(otherName)) : parseClusterRef(cluster);
    if (!ref) return setError(cluster === OTHER ? 'Please type the name of your cluster.' : 'Please choose your cluster.');
    setError(null);
    setBusy(true);
    Promise.resolve(onJoin(newIdentity(name, ref, previous)))
      .catch((reason: unknown) => setError(reason instanceof Error ? reason.message : 'Joining did not work. Please try again.'))
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
        <h1 id="join-heading">Change your name or cluster</h1>
      ) : (
        <>
          <h1 id="join-heading">Join “{boardTitle}”</h1>
          <p>{ROLE_NOTE[role]} Others on the board will see your name and cluster next to your notes.</p>
        </>
      )}
      <label>
        Your name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={PERSON_NAME_MAX} autoFocus autoComplete="name" />
      </label>
      <label>
        Your cluster
        <select
          value={cluster}
          onChange={(e) => setCluster(e.target.value)}
          disabled={clusterFixed}
          aria-describedby={clusterFixed ? 'join-cluster-fixed' : undefined}
        >
          <option value="" disabled>
            Choose your cluster
          </option>
          {CLUSTERS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
      </label>
      {clusterFixed && (
        <p id="join-cluster-fixed" className="field-hint">
          Your cluster cannot change while a vote is open. You can change it once the facilitator closes the vote.
        </p>
      )}
      {cluster === OTHER && (
        <label>
          Name of your cluster or organisation
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
          {previous ? 'Save' : 'Join the board'}
        </button>
        {onCancel && (
          <button type="button" className="quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
  return previous ? form : <main className="home">{form}</main>;
}
