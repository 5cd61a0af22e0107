import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/en-gb';
import 'dayjs/locale/id';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { DAYJS_LOCALE, type Language } from './format';
import { savedLanguage } from './i18n';

/** Date pickers in the chosen language (month names, weeks from Monday), not the browser's. */
function LocalizedDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: DAYJS_LOCALE[i18n.language as Language], firstDayOfWeek: 1 }}>
      {children}
    </DatesProvider>
  );
}

document.documentElement.lang = savedLanguage();

// Touch targets of at least 44 px on phones: Mantine's md inputs and buttons are 36 px.
// Shade 9 keeps white text and links above WCAG AA contrast (4.5:1); axe checks it. It is the
// filled shade of every colour, and green, orange and yellow stay below 4.5:1 even there:
// badges use teal, blue and red.
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
        <LocalizedDates>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </LocalizedDates>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
