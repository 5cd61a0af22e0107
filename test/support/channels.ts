import { randomInt } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import {
  MESSAGE_TEMPLATES,
  whatsappTemplateBody,
} from '../../src/channels/texts/message-templates';
import type { Party } from './factories';
import { FakeSmsGateway } from './sms-gateway-fake';
import { waitFor } from './wait';
import { FakeWhatsApp } from './whatsapp-fake';

/** Every WhatsApp template of the platform, "approved" in the fake in both languages. */
export function approvedTemplates(): Record<string, string> {
  const approved: Record<string, string> = {};
  for (const template of Object.values(MESSAGE_TEMPLATES)) {
    const wa = 'whatsapp' in template ? template.whatsapp : undefined;
    if (wa) approved[wa.name] = whatsappTemplateBody(wa.id);
  }
  return approved;
}

export interface ChannelFakes {
  whatsapp: FakeWhatsApp;
  sms: FakeSmsGateway;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Both providers' fakes, and the environment that points the platform at them. */
export async function startChannelFakes(): Promise<ChannelFakes> {
  const whatsapp = await new FakeWhatsApp({
    phoneNumberId: '109876543210',
    accessToken: 'fake-access-token',
    appSecret: 'fake-app-secret',
    templates: approvedTemplates(),
  }).start();
  const sms = await new FakeSmsGateway({
    authorization: 'Bearer fake-sms-key',
    inboundSecret: 'fake-sms-secret',
  }).start();
  return {
    whatsapp,
    sms,
    env: {
      CHANNELS: 'whatsapp,sms',
      WHATSAPP_API_BASE_URL: whatsapp.url,
      WHATSAPP_API_VERSION: 'v21.0',
      WHATSAPP_PHONE_NUMBER_ID: '109876543210',
      WHATSAPP_ACCESS_TOKEN: 'fake-access-token',
      WHATSAPP_APP_SECRET: 'fake-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'fake-verify-token',
      SMS_GATEWAY_URL: `${sms.url}/send`,
      SMS_GATEWAY_AUTHORIZATION: 'Bearer fake-sms-key',
      SMS_INBOUND_SECRET: 'fake-sms-secret',
      CHANNEL_RETRY_UNIT_MS: '5',
    },
    stop: async () => {
      await whatsapp.stop();
      await sms.stop();
    },
  };
}

/** A fresh Indonesian mobile number. */
export const aPhone = (): string => `+62812${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

/**
 * Adds a phone to the party's user the real way: PUT /me/phone sends a code over `channel`, the
 * code is read from what the fake provider received, POST /me/phone/verify proves it, PATCH opts
 * in to `optIn`.
 */
export async function addPhone(
  http: TestAgent,
  fakes: ChannelFakes,
  party: Party,
  options: { channel: 'whatsapp' | 'sms'; optIn: ('whatsapp' | 'sms')[]; language?: 'id' | 'en' },
): Promise<string> {
  const phone = aPhone();
  await http
    .put('/api/v1/me/phone')
    .set(party.auth)
    .send({ phone, channel: options.channel, language: options.language ?? 'id' })
    .expect(200);
  const text = await waitFor(
    () => {
      const sent =
        options.channel === 'whatsapp' ? fakes.whatsapp.sentTo(phone) : fakes.sms.sentTo(phone);
      return sent.find((m) => /\d{6}/.test(m.text))?.text;
    },
    { what: `verification code to ${phone}` },
  );
  const code = /(\d{6})/.exec(text)![1];
  await http.post('/api/v1/me/phone/verify').set(party.auth).send({ code }).expect(200);
  await http
    .patch('/api/v1/me/phone')
    .set(party.auth)
    .send({
      whatsappOptIn: options.optIn.includes('whatsapp'),
      smsOptIn: options.optIn.includes('sms'),
    })
    .expect(200);
  return phone;
}
