import { lazy, Suspense } from 'react';
import type { MessageKey } from '../../../shared/i18n/catalogue';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { PeoplePanel } from '../presence/PeoplePanel';
import { useDock } from './dock';

// Loaded when first shown: only facilitators open their panel, and few people the engagement.
const FacilitatorPanel = lazy(() => import('../facilitate/FacilitatorPanel').then((m) => ({ default: m.FacilitatorPanel })));
const SuggestionsPanel = lazy(() => import('../suggest/SuggestionsPanel').then((m) => ({ default: m.SuggestionsPanel })));
const ReportPanel = lazy(() => import('../report/ReportPanel').then((m) => ({ default: m.ReportPanel })));
const EngagementPanel = lazy(() => import('../EngagementPanel').then((m) => ({ default: m.EngagementPanel })));

function Loading({ what }: { what: MessageKey }) {
  const { t } = useT();
  return (
    <p className="loading" role="status">
      {t(what)}
    </p>
  );
}

/** The one panel docked beside the board, if any (see dock.ts). */
export function DockedPanel() {
  const { session } = useBoard();
  const dock = useDock();
  switch (dock.panel) {
    case null:
      return null;
    case 'facilitator':
      if (session.role !== 'facilitator') return null;
      return (
        <Suspense fallback={<Loading what="room.loading.facilitator" />}>
          <FacilitatorPanel onClose={dock.close} />
        </Suspense>
      );
    case 'suggestions':
      if (session.role !== 'facilitator') return null;
      return (
        <Suspense fallback={<Loading what="suggest.loading" />}>
          <SuggestionsPanel onClose={dock.close} />
        </Suspense>
      );
    case 'report':
      // [RC2] Facilitators only: nobody else is shown the report's editing controls.
      if (session.role !== 'facilitator') return null;
      return (
        <Suspense fallback={<Loading what="room.loading.facilitator" />}>
          <ReportPanel onClose={dock.close} />
        </Suspense>
      );
    case 'people':
      return <PeoplePanel onClose={dock.close} />;
    case 'engagement':
      return (
        <Suspense fallback={<Loading what="room.loading.engagement" />}>
          <EngagementPanel onClose={dock.close} />
        </Suspense>
      );
  }
}
