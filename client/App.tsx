import { BoardPage } from './board/BoardPage';
import { HomePage } from './home/HomePage';
import { Message } from './ui/Message';

/** Two pages: `/` (create a board) and `/b/<id>#token=...` (a board). */
export function App() {
  const path = window.location.pathname;
  if (path === '/' || path === '/index.html') return <HomePage />;
  const match = /^\/b\/([^/]+)\/?$/.exec(path);
  const boardId = match?.[1] ? safeDecode(match[1]) : null;
  if (boardId !== null) {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    return <BoardPage boardId={boardId} token={token} />;
  }
  return (
    <Message title="Page not found">
      <p>
        There is nothing at this address. <a href="/">Create a board</a> or open a board link you were given.
      </p>
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
