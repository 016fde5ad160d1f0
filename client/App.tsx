import { BoardPage } from './board/BoardPage';
import { HomePage } from './home/HomePage';
import { useT } from './i18n/I18n';
import { Message } from './ui/Message';
import { richText } from './ui/rich';

/** Two pages: `/` (create a board) and `/b/<id>#token=...` (a board). */
export function App() {
  const translator = useT();
  const { t } = translator;
  const path = window.location.pathname;
  if (path === '/' || path === '/index.html') return <HomePage />;
  const match = /^\/b\/([^/]+)\/?$/.exec(path);
  const boardId = match?.[1] ? safeDecode(match[1]) : null;
  if (boardId !== null) {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    return <BoardPage boardId={boardId} token={token} />;
  }
  return (
    <Message title={t('pages.notFound.title')}>
      <p>{richText(translator, 'pages.notFound.detail', { a: (chunks) => <a href="/">{chunks}</a> })}</p>
    </Message>
  );
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
