import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { hubName } from './regions';

describe('places of a route', () => {
  it('names ports and airports in the user language instead of showing their hub code', async () => {
    await i18n.changeLanguage('id');
    expect(hubName('airport-juanda', i18n.t)).toBe('Bandara Juanda');
    expect(hubName('port-tanjung-perak', i18n.t)).toBe('Pelabuhan Tanjung Perak');
    await i18n.changeLanguage('en');
    expect(hubName('airport-hang-nadim', i18n.t)).toBe('Hang Nadim airport');
    expect(hubName('35.07', i18n.t)).toBeNull();
  });
});
