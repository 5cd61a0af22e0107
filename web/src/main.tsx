import '@mantine/core/styles.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { savedLanguage } from './i18n';

document.documentElement.lang = savedLanguage();

// Touch targets of at least 44 px on phones: Mantine's md inputs and buttons are 36 px.
// Teal at shade 9 keeps white text and links above WCAG AA contrast (4.5:1); axe checks it.
const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 9,
  components: {
    Button: { defaultProps: { size: 'md' }, styles: { root: { minHeight: 44 } } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    NumberInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md' } },
  },
});

// Mantine's dimmed grey (gray.6) is 3.3:1 on white: too faint in sunlight on a phone.
const contrast: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057' },
  dark: {},
});

const client = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <QueryClientProvider client={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
