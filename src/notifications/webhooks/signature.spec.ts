import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from './signature';

describe('webhook signatures', () => {
  it('are accepted by the reference Standard Webhooks verifier', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'match.proposed', data: { quantity: 3000 } });
    const id = 'b1f6a9c4-9a59-4a43-8d4b-000000000001';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, id, timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fail verification when the body is changed', () => {
    const secret = newWebhookSecret();
    const id = 'msg_1';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook(secret, id, timestamp, '{"a":1}');
    expect(() =>
      new Webhook(secret).verify('{"a":2}', {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      }),
    ).toThrow();
  });
});
