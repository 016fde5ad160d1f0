import { useMemo } from 'react';
import type { Translator } from '../../shared/i18n/translate';
import { engagement } from '../../shared/report/engagement';
import { publishedVotes } from '../../shared/workshop/control';
import { useT } from '../i18n/I18n';
import { useBoard, useBoardView, useControl } from './context';
import { DockPanel } from './layout/DockPanel';

/**
 * Engagement at a glance, the seed's core challenge: notes per cluster and dimension as a heat
 * map, active participants per cluster, and contributions over time. [AT3] The same numbers as
 * every report: all come from `engagement`, over the people who joined (the control document's).
 * Docked beside the board (PS6), so the facilitator can watch it fill while people write.
 */
/** "Notes over time (15 minutes per bar)": the bar's width in whole days, hours or minutes. */
function overTimeHeading(minutes: number, t: Translator['t']): string {
  if (minutes % 1440 === 0) return t('room.engagement.overTime.days', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('room.engagement.overTime.hours', { count: minutes / 60 });
  return t('room.engagement.overTime.minutes', { count: minutes });
}

export function EngagementPanel({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const { session } = useBoard();
  const view = useBoardView();
  const control = useControl();
  const figures = useMemo(() => {
    const people = [...control.people].map(([id, person]) => ({ id, name: person.name, cluster: person.cluster }));
    return engagement({ view, people, votes: publishedVotes(control), now: session.workshop.serverNow() });
  }, [view, control, session]);
  const { rows, dimensions, overTime, bucketMinutes } = figures;
  const showVotes = figures.totals.votes > 0;
  const max = Math.max(1, ...rows.flatMap((r) => r.notes));
  const maxBucket = Math.max(1, ...overTime.map((b) => b.notes));

  return (
    <DockPanel title={t('room.engagement')} onClose={onClose}>
      {rows.length === 0 ? (
        <p>{t('room.engagement.empty')}</p>
      ) : (
        <>
          <h3>{t('room.engagement.heatmap')}</h3>
          <table className="heatmap">
            <thead>
              <tr>
                <th scope="col">{t('room.engagement.cluster')}</th>
                <th scope="col">{t('room.engagement.people')}</th>
                {dimensions.map((label, i) => (
                  <th key={label} scope="col" title={label}>
                    {t('room.engagement.dimension', { number: i + 1 })}
                  </th>
                ))}
                <th scope="col">{t('room.engagement.notes')}</th>
                {showVotes && <th scope="col">{t('room.engagement.votes')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.cluster}>
                  <th scope="row">{row.cluster}</th>
                  <td>{row.participants}</td>
                  {row.notes.map((count, i) => (
                    <td key={i} style={{ background: `rgba(30, 79, 128, ${(count / max) * 0.85})`, color: count / max > 0.5 ? 'white' : undefined }}>
                      {count}
                    </td>
                  ))}
                  <td>
                    <strong>{row.total}</strong>
                  </td>
                  {showVotes && <td>{row.votes}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="legend">{dimensions.map((label, i) => t('room.engagement.legend', { number: i + 1, label })).join(' · ')}</p>
          <h3>{overTimeHeading(bucketMinutes, t)}</h3>
          {overTime.length === 0 && <p>{t('room.notes.none')}</p>}
          <ol className="timeline" aria-label={t('room.engagement.timeline')} hidden={overTime.length === 0}>
            {overTime.map((bucket) => (
              <li key={bucket.start} title={t('room.engagement.bucket', { time: bucket.label, count: bucket.notes })}>
                <span className="timeline-bar" style={{ height: `${(bucket.notes / maxBucket) * 100}%` }} />
                <span className="timeline-count">{bucket.notes}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </DockPanel>
  );
}
