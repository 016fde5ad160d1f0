import type { ReactNode } from 'react';

/** A full-page message: errors, access denied, loading. */
export function Message({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <main className="message-page">
      <div className="message-box" role="status">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
