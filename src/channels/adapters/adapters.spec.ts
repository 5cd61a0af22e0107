import { createHmac } from 'node:crypto';
import { DomainError } from '../../common/domain-error';
import { SmsGatewayAdapter } from './sms-gateway.adapter';
import { WhatsAppAdapter } from './whatsapp.adapter';

const wa = new WhatsAppAdapter(
  {
    baseUrl: 'http://graph.test',
    apiVersion: 'v21.0',
    phoneNumberId: '1098',
    accessToken: 'token',
    appSecret: 'app-secret',
    verifyToken: 'verify',
    templateLanguage: 'id',
  },
  1000,
);
const sign = (secret: string, raw: string) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('WhatsAppAdapter', () => {
  const message = {
    to: '+6281234567890',
    text: 'Usulan 4821: ...',
    reference: 'm-1',
    buttons: [
      { id: 'TERIMA 4821', title: 'Terima' },
      { id: 'TOLAK 4821', title: 'Tolak' },
    ],
    template: {
      name: 'jembatan_usulan_pemasok',
      params: ['4821', '3.000 kg'],
      quickReplies: ['TERIMA 4821', 'TOLAK 4821'],
    },
  };

  it('sends the approved template outside the customer-service window, quick replies carrying the commands', () => {
    expect(wa.body({ ...message, insideServiceWindow: false })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281234567890',
      type: 'template',
      template: {
        name: 'jembatan_usulan_pemasok',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: '4821' },
              { type: 'text', text: '3.000 kg' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'TERIMA 4821' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'TOLAK 4821' }],
          },
        ],
      },
    });
  });

  it('sends interactive reply buttons inside the window, and plain text without buttons', () => {
    expect(wa.body({ ...message, insideServiceWindow: true })).toMatchObject({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Usulan 4821: ...' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'TERIMA 4821', title: 'Terima' } },
            { type: 'reply', reply: { id: 'TOLAK 4821', title: 'Tolak' } },
          ],
        },
      },
    });
    expect(
      wa.body({ to: '+628111', text: 'Halo', reference: 'r', insideServiceWindow: true }),
    ).toMatchObject({
      type: 'text',
      text: { body: 'Halo' },
    });
  });

  it('reads texts, tapped buttons, template quick replies and statuses from a signed webhook', () => {
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messages: [
                  {
                    from: '628111',
                    id: 'wamid.1',
                    timestamp: '1764547200',
                    type: 'text',
                    text: { body: 'TERIMA 4821' },
                  },
                  {
                    from: '628111',
                    id: 'wamid.2',
                    timestamp: '1764547200',
                    type: 'interactive',
                    interactive: {
                      type: 'button_reply',
                      button_reply: { id: 'TOLAK 4821', title: 'Tolak' },
                    },
                  },
                  {
                    from: '628111',
                    id: 'wamid.3',
                    timestamp: '1764547200',
                    type: 'button',
                    button: { payload: 'TERIMA 5555', text: 'Terima' },
                  },
                  { from: '628111', id: 'wamid.4', timestamp: '1764547200', type: 'image' },
                ],
                statuses: [
                  {
                    id: 'wamid.out',
                    status: 'read',
                    timestamp: '1764547200',
                    recipient_id: '628111',
                  },
                  {
                    id: 'wamid.bad',
                    status: 'failed',
                    errors: [{ code: 131026, title: 'Message undeliverable' }],
                  },
                  { id: 'wamid.odd', status: 'deleted' },
                ],
              },
            },
          ],
        },
      ],
    });
    const batch = wa.handleInbound({
      rawBody: Buffer.from(raw),
      headers: { 'x-hub-signature-256': sign('app-secret', raw) },
    });
    expect(batch.messages.map((m) => [m.providerMessageId, m.from, m.text])).toEqual([
      ['wamid.1', '+628111', 'TERIMA 4821'],
      ['wamid.2', '+628111', 'TOLAK 4821'],
      ['wamid.3', '+628111', 'TERIMA 5555'],
      ['wamid.4', '+628111', ''],
    ]);
    expect(batch.messages[0].receivedAt.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(batch.statuses).toEqual([
      { providerMessageId: 'wamid.out', status: 'read', error: null },
      { providerMessageId: 'wamid.bad', status: 'failed', error: '131026 Message undeliverable' },
    ]);
  });

  it.each([
    ['another secret', (raw: string) => sign('not-it', raw)],
    ['no header', () => undefined],
    ['a truncated signature', (raw: string) => sign('app-secret', raw).slice(0, 20)],
  ])('refuses a webhook signed with %s', (_, header) => {
    const raw = '{"entry":[]}';
    expect(() =>
      wa.handleInbound({
        rawBody: Buffer.from(raw),
        headers: { 'x-hub-signature-256': header(raw) },
      }),
    ).toThrow(DomainError);
  });
});

describe('SmsGatewayAdapter', () => {
  const sms = new SmsGatewayAdapter(
    {
      url: 'http://sms.test/send',
      authorization: 'Bearer k',
      senderId: 'JEMBATAN',
      fields: { to: 'msisdn', text: 'message', sender: 'sender', reference: 'ref' },
      responseIdPath: 'data.id',
      inboundSecret: 'shared',
      inboundFields: {
        from: 'msisdn',
        text: 'message',
        id: 'moId',
        messageId: 'ref',
        status: 'dlr',
      },
    },
    1000,
  );

  it('reads replies and delivery reports with the configured field names', () => {
    const raw = JSON.stringify([
      { moId: 77, msisdn: '+628111', message: 'TOLAK 4821 HARGA' },
      { ref: 'gw-1', dlr: 'DELIVERED' },
      { ref: 'gw-2', dlr: 'undelivered' },
    ]);
    const batch = sms.handleInbound({
      rawBody: Buffer.from(raw),
      headers: { 'x-signature': sign('shared', raw) },
    });
    expect(batch.messages).toMatchObject([
      { providerMessageId: '77', from: '+628111', text: 'TOLAK 4821 HARGA' },
    ]);
    expect(batch.statuses).toEqual([
      { providerMessageId: 'gw-1', status: 'delivered', error: null },
      { providerMessageId: 'gw-2', status: 'failed', error: 'undelivered' },
    ]);
  });

  it('refuses a callback without the shared-secret signature', () => {
    const raw = '{"moId":1,"msisdn":"+628111","message":"STOP"}';
    expect(() =>
      sms.handleInbound({
        rawBody: Buffer.from(raw),
        headers: { 'x-signature': sign('guess', raw) },
      }),
    ).toThrow('Invalid X-Signature');
  });
});
