import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import i18n from './i18n';

afterEach(() => cleanup());

// The unit files share their worker's modules and document (vitest.config.ts, isolate: false):
// each file still starts as a first visit does, nothing remembered and the console in Indonesian.
beforeAll(async () => {
  localStorage.clear();
  document.documentElement.lang = '';
  await i18n.changeLanguage('id');
});

// Mantine reads these browser APIs, which jsdom lacks.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
