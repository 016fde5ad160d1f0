import './board.css';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { problemSentence } from '../../shared/errors';
import type { DimensionId } from '../../shared/model/vocabulary';
import { type BoardInfo, CloseCode, PERSON_REMOVED_REASON } from '../../shared/protocol';
import { mayWrite, type WorkshopRules } from '../../shared/workshop/writeRule';
import { useBoardLanguage } from '../i18n/boardLanguage';
import { t as currentT } from '../i18n/current';
import { useT } from '../i18n/I18n';
import { Message } from '../ui/Message';
import { joinBoard, updateMe } from '../workshopApi';
import { BoardGrid } from './BoardGrid';
import { BoardHeader } from './BoardHeader';
import { BoardContext, type BoardContextValue, describeError, useConnection } from './context';
import { FocusFollower } from './FocusFollower';
import { forgetSeat, type Identity } from './identity';
import { JoinForm } from './JoinForm';
import { useDock } from './layout/dock';
import { DockedPanel } from './layout/DockedPanel';
import { LinkDialog } from './LinkDialog';
import { NoteDialogs } from './notes/noteDialogs';
import { PhoneNav } from './phone/PhoneNav';
import { startView, usePhone } from './phone/usePhone';
import { WriteView } from './phone/WriteView';
import { usePresenting } from './presenter/presenterMode';
import { PresenterView } from './presenter/PresenterView';
import { PrivateNotes } from './PrivateNotes';
import { refusalFor } from './refusals';
import { BoardSession } from './session';
import { Toolbar } from './Toolbar';
import { UiStore } from './ui';
import { UiContext, useUi, useUiStore } from './uiContext';
import { WorkshopBar } from './WorkshopBar';

// Loaded when first shown: most people never open the outline.
const OutlineView = lazy(() => import('./OutlineView').then((m) => ({ default: m.OutlineView })));

function LoadingOutline() {
  const { t } = useT();
  return (
    <p className="loading" role="status">
      {t('pages.board.loading.outline')}
    </p>
  );
}

/** [PS6] A docked panel narrows the board instead of covering it. */
function BoardMain() {
  const dock = useDock();
  return (
    <div className={dock.panel ? 'board-main has-dock' : 'board-main'}>
      <div className="board-main-content">
        <BoardBody />
      </div>
      <DockedPanel />
    </div>
  );
}

function FacilitatorBar() {
  const dock = useDock();
  return <WorkshopBar panelOpen={dock.panel === 'facilitator'} onTogglePanel={() => dock.toggle('facilitator')} />;
}

function BoardBody() {
  const ui = useUiStore();
  const phone = usePhone();
  const chosen = useUi((s) => s.view);
  // The Write view is the phone's; a screen widened past phone width shows the grid instead.
  const view = chosen === 'write' && !phone ? 'grid' : chosen;
  const linking = useUi((s) => s.linking);
  return (
    <>
      {view === 'write' ? (
        <WriteView />
      ) : view === 'outline' ? (
        <Suspense fallback={<LoadingOutline />}>
          <OutlineView />
        </Suspense>
      ) : (
        <BoardGrid />
      )}
      {linking && <LinkDialog needId={linking} onClose={() => ui.update(() => ({ linking: null }))} />}
      <NoteDialogs />
      {phone && <PhoneNav />}
    </>
  );
}

export function BoardScreen({
  info,
  token,
  identity,
  onIdentityChange,
}: {
  info: BoardInfo;
  token: string;
  identity: Identity;
  onIdentityChange(identity: Identity): void;
}) {
  const { t } = useT();
  // One session for as long as this screen is shown; a new name or cluster updates it in place,
  // so nothing typed (or written offline) is lost.
  const [session] = useState(() => new BoardSession(info.id, token, info.role, identity));
  const [ui] = useState(() => {
    const store = new UiStore();
    store.update(() => ({ view: startView(info.role) }));
    return store;
  });
  const [changingIdentity, setChangingIdentity] = useState(false);
  const presenting = usePresenting(info.id, info.role);

  useEffect(() => {
    session.connect();
    return () => session.disconnect();
  }, [session]);

  useEffect(() => session.setIdentity(identity), [session, identity]);
  const translator = useT();
  useEffect(() => session.languageChanged(), [session, translator]);

  const [problem, setProblem] = useState<string | null>(null);

  // Someone who joined this board before seats existed gets one now: votes and private notes need it.
  const joining = useRef(false);
  useEffect(() => {
    if (info.role === 'viewer' || identity.seat || joining.current) return;
    joining.current = true;
    joinBoard({ boardId: info.id, token, seat: null }, { name: identity.name, cluster: identity.cluster }).then(
      (seat) => onIdentityChange({ ...identity, id: seat.personId, seat: seat.seat }),
      (error: unknown) => {
        joining.current = false;
        // Until a seat arrives a participant writes nothing (G4): say why, rather than sit read-only.
        // Worded when it happens, in the page's language then.
        setProblem(currentT('pages.board.joinFailed', { reason: error instanceof Error ? error.message : String(error) }));
      },
    );
  }, [info, token, identity, onIdentityChange]);

  const connection = useConnection(session);
  // [LG3] A projector that never picked a language shows the board's, as soon as the board says it.
  const boardLanguage = useSyncExternalStore(session.subscribe, () => session.getView().meta.language);
  useBoardLanguage(boardLanguage, info.role);

  // The server's refusal of a change, shown for a while.
  const refusal = useSyncExternalStore(session.subscribe, session.getRefusal);
  const [dismissedRefusal, setDismissedRefusal] = useState<number | null>(null);
  const refusalText = refusal && refusal.at !== dismissedRefusal ? t('pages.board.notSaved', { reason: problemSentence(t, refusal.problem) }) : null;
  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => setDismissedRefusal(refusal.at), 8000);
    return () => clearTimeout(timer);
  }, [refusal]);

  useEffect(() => {
    if (!problem) return;
    const timer = setTimeout(() => setProblem(null), 6000);
    return () => clearTimeout(timer);
  }, [problem]);

  const run = useCallback((command: () => void) => {
    try {
      command();
      return true;
    } catch (error) {
      setProblem(describeError(error));
      return false;
    }
  }, []);

  // The server enforces the write rule; asking it here too only spares people refused edits. A
  // string snapshot, so the board re-renders when the rule's input changes, not on every tick.
  const rulesKey = useSyncExternalStore(session.workshop.subscribe, () => {
    const { lock, privateWriting } = session.workshop.getState();
    return JSON.stringify({ lock, privateWriting } satisfies WorkshopRules);
  });
  const votingOpen = useSyncExternalStore(session.workshop.subscribe, () => session.workshop.getState().round?.status === 'open');
  // [G4] A participant's socket writes notes only with a seat: until the seat arrives (someone who
  // joined before seats, or whose person was removed, joins again above) the board is read-only,
  // so nothing is written under an id the server would refuse for good.
  const seated = session.role !== 'participant' || identity.seat !== null;
  const context = useMemo<BoardContextValue>(() => {
    const rules = JSON.parse(rulesKey) as WorkshopRules;
    // [HC1] Editing is what the cards offer; new notes go private while private writing is on (Cell.tsx).
    const writable = (dimension: DimensionId | null) => seated && mayWrite(session.role, rules, 'edit', dimension).ok;
    return { session, canWrite: writable(null), writable, run };
  }, [session, run, rulesKey, seated]);

  // A removed person's seat is gone for good: the next visit joins afresh instead of sending it.
  const removed = connection.status === 'refused' && connection.code === CloseCode.Forbidden && connection.reason === PERSON_REMOVED_REASON;
  useEffect(() => {
    if (removed) forgetSeat(info.id, identity);
  }, [removed, info.id, identity]);

  if (connection.status === 'refused') {
    const text = refusalFor(connection.code, connection.reason);
    return (
      <Message title={text.title}>
        <p>{text.detail}</p>
      </Message>
    );
  }

  return (
    <BoardContext.Provider value={context}>
      <UiContext.Provider value={ui}>
        <div className="board-page" data-presenting={presenting || undefined}>
          {presenting && <PresenterView />}
          <BoardHeader connection={connection} onChangeIdentity={() => setChangingIdentity(true)}>
            <FacilitatorBar />
          </BoardHeader>
          <PrivateNotes />
          <FocusFollower />
          <Toolbar />
          {(problem ?? refusalText) && (
            <p className="toast" role="alert">
              {problem ?? refusalText}
            </p>
          )}
          <BoardMain />
        </div>
      </UiContext.Provider>
      {changingIdentity && (
        <div className="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="join-heading" className="dialog">
            <JoinForm
              boardTitle={info.title}
              role={info.role}
              previous={identity}
              clusterFixed={votingOpen}
              onJoin={async (next) => {
                if (next.seat) await updateMe({ boardId: info.id, token, seat: next.seat }, { name: next.name, cluster: next.cluster });
                onIdentityChange(next);
                setChangingIdentity(false);
              }}
              onCancel={() => setChangingIdentity(false)}
            />
          </div>
        </div>
      )}
    </BoardContext.Provider>
  );
}
