import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { hubName, localPlaceName } from './regions';

describe('places of a route', () => {
  it('names ports and airports in the user language instead of showing their hub code', async () => {
    await i18n.changeLanguage('id');
    expect(hubName('airport-juanda', i18n.t)).toBe('Bandara Juanda');
    expect(hubName('port-tanjung-perak', i18n.t)).toBe('Pelabuhan Tanjung Perak');
    await i18n.changeLanguage('en');
    expect(hubName('airport-hang-nadim', i18n.t)).toBe('Hang Nadim airport');
    expect(hubName('35.07', i18n.t)).toBeNull();
  });

  it("words an airport's English name from the reference data in the user language", async () => {
    await i18n.changeLanguage('id');
    expect(localPlaceName('Juanda International Airport', 'airport-juanda', i18n.t)).toBe(
      'Bandara Juanda',
    );
    expect(
      localPlaceName(
        'Soekarno-Hatta International Airport (Jakarta)',
        'airport-soekarno-hatta',
        i18n.t,
      ),
    ).toBe('Bandara Soekarno-Hatta (Jakarta)');
    expect(localPlaceName('Pelabuhan Batu Ampar', 'port-batu-ampar', i18n.t)).toBe(
      'Pelabuhan Batu Ampar',
    );
    await i18n.changeLanguage('en');
    expect(
      localPlaceName('Abdul Rachman Saleh Airport', 'airport-abdul-rachman-saleh', i18n.t),
    ).toBe('Abdul Rachman Saleh airport');
  });
});
