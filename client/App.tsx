import { BoardPage } from './board/BoardPage';
import { HomePage } from './home/HomePage';
import { Message } from './ui/Message';

/** Two pages: `/` (create a board) and `/b/<id>#token=...` (a board). */
export function App() {
  const path = window.location.pathname;
  if (path === '/' || path === '/index.html') return <HomePage />;
  const match = /^\/b\/([^/]+)\/?$/.exec(path);
  if (match?.[1]) {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    return <BoardPage boardId={decodeURIComponent(match[1])} token={token} />;
  }
  return (
    <Message title="Page not found">
      <p>
        There is nothing at this address. <a href="/">Create a board</a> or open a board link you were given.
      </p>
    </Message>
  );
}
