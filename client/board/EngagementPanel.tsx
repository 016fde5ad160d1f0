import { useMemo } from 'react';
import { bucketWidthLabel, engagement } from '../../shared/report/engagement';
import { publishedVotes } from '../../shared/workshop/control';
import { useBoard, useBoardView, useControl } from './context';
import { DockPanel } from './layout/DockPanel';

/**
 * Engagement at a glance, the seed's core challenge: notes per cluster and dimension as a heat
 * map, active participants per cluster, and contributions over time. [AT3] The same numbers as
 * every report: all come from `engagement`, over the people who joined (the control document's).
 * Docked beside the board (PS6), so the facilitator can watch it fill while people write.
 */
export function EngagementPanel({ onClose }: { onClose(): void }) {
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
    <DockPanel title="Engagement" onClose={onClose}>
      {rows.length === 0 ? (
        <p>Nobody has joined this board yet.</p>
      ) : (
        <>
          <h3>Notes per cluster and dimension</h3>
          <table className="heatmap">
            <thead>
              <tr>
                <th scope="col">Cluster</th>
                <th scope="col">People</th>
                {dimensions.map((label, i) => (
                  <th key={label} scope="col" title={label}>
                    D{i + 1}
                  </th>
                ))}
                <th scope="col">Notes</th>
                {showVotes && <th scope="col">Votes received</th>}
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
          <p className="legend">{dimensions.map((label, i) => `D${i + 1}: ${label}`).join(' · ')}</p>
          <h3>Notes over time ({bucketWidthLabel(bucketMinutes)} per bar)</h3>
          {overTime.length === 0 && <p>Nobody has written a note yet.</p>}
          <ol className="timeline" aria-label="Notes written per interval" hidden={overTime.length === 0}>
            {overTime.map((bucket) => (
              <li key={bucket.start} title={`${bucket.label} UTC: ${bucket.notes}`}>
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
