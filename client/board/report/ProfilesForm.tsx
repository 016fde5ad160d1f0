/**
 * [RC2] "1. The clusters": one profile per cluster, for the six partners and every other cluster
 * someone on the board belongs to (and any other cluster that already has one). Each cluster is a
 * disclosure: its profile's fields and "Remove", or "Add a profile".
 */
import { useState } from 'react';
import type { MessageKey } from '../../../shared/i18n/catalogue';
import { compareClusters } from '../../../shared/model/reportContent';
import { CLUSTER_PROFILE_FIELDS, CLUSTER_PROFILE_MAX, type ClusterProfileField } from '../../../shared/model/schema';
import { type ClusterRef, CLUSTERS, parseClusterRef } from '../../../shared/model/vocabulary';
import type { ClusterProfile } from '../../../shared/report/content';
import { useT } from '../../i18n/I18n';
import { useBoard, useControl } from '../context';
import { DraftField } from './DraftField';

const LABELS: Readonly<Record<ClusterProfileField, MessageKey>> = {
  fullName: 'reportContent.profile.fullName',
  location: 'reportContent.profile.location',
  membership: 'reportContent.profile.membership',
  technologyFocus: 'reportContent.profile.technologyFocus',
  created: 'reportContent.profile.created',
};

/** A cluster's name as people wrote it: the partner's, or the name after `other:`. */
function clusterName(ref: ClusterRef): string {
  return CLUSTERS.find((c) => c.id === ref)?.label ?? ref.slice('other:'.length);
}

/** The clusters the report may profile, partners first. */
function useClusters(profiles: readonly ClusterProfile[]): ClusterRef[] {
  const { people } = useControl();
  const refs = new Set<ClusterRef>(CLUSTERS.map((c) => c.id));
  for (const person of people.values()) {
    const ref = person.cluster === null ? null : parseClusterRef(person.cluster);
    if (ref !== null) refs.add(ref);
  }
  for (const profile of profiles) refs.add(profile.cluster);
  return [...refs].sort(compareClusters);
}

/** One cluster's profile: its fields, and "Remove" asked twice (nothing brings a removed profile back). */
function ProfileFields({ profile, name }: { profile: ClusterProfile; name: string }) {
  const { t } = useT();
  const { session, run } = useBoard();
  const [confirming, setConfirming] = useState(false);
  const ref = profile.cluster;
  return (
    <div className="report-profile-body">
      {CLUSTER_PROFILE_FIELDS.map((field) => (
        <DraftField
          key={field}
          label={t(LABELS[field])}
          value={profile[field]}
          max={CLUSTER_PROFILE_MAX[field]}
          multiline={field === 'technologyFocus' || field === 'fullName' || field === 'location'}
          onSave={(value) => run(() => session.commands.setClusterProfile(ref, { [field]: value }))}
        />
      ))}
      {confirming ? (
        <div className="report-confirm" role="group" aria-label={t('reportContent.profiles.remove.label', { cluster: name })}>
          <p className="facilitate-warning">{t('reportContent.profiles.remove.confirm', { cluster: name })}</p>
          <div className="facilitate-actions">
            <button type="button" autoFocus onClick={() => run(() => session.commands.removeClusterProfile(ref))}>
              {t('reportContent.profiles.remove.yes')}
            </button>
            <button type="button" className="quiet" onClick={() => setConfirming(false)}>
              {t('reportContent.profiles.remove.no')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="quiet"
          aria-label={t('reportContent.profiles.remove.label', { cluster: name })}
          onClick={() => setConfirming(true)}
        >
          {t('reportContent.profiles.remove')}
        </button>
      )}
    </div>
  );
}

export function ProfilesForm({ profiles }: { profiles: readonly ClusterProfile[] }) {
  const { t } = useT();
  const { session, run } = useBoard();
  const byCluster = new Map(profiles.map((p) => [p.cluster, p]));
  return (
    <div className="report-form">
      <p className="field-hint">{t('reportContent.profiles.hint')}</p>
      <ul className="report-profiles">
        {useClusters(profiles).map((ref) => {
          const profile = byCluster.get(ref);
          const name = clusterName(ref);
          return (
            <li key={ref}>
              <details className="report-profile" data-cluster={ref}>
                <summary>
                  <span>
                    <span className="report-profile-name">{name}</span>{' '}
                    <span className="report-profile-state">{profile ? t('reportContent.profiles.has') : t('reportContent.profiles.none')}</span>
                  </span>
                </summary>
                {profile ? (
                  <ProfileFields profile={profile} name={name} />
                ) : (
                  <button
                    type="button"
                    aria-label={t('reportContent.profiles.add.label', { cluster: name })}
                    onClick={() => run(() => session.commands.setClusterProfile(ref, { fullName: name }))}
                  >
                    {t('reportContent.profiles.add')}
                  </button>
                )}
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
