import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider, loadInitialTranslator } from './i18n/I18n';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
// The first screen is drawn in the person's language, never in English first.
void loadInitialTranslator().then((translator) =>
  createRoot(root).render(
    <StrictMode>
      <I18nProvider initial={translator}>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
