import {
  MESSAGE_TEMPLATES,
  MessageKind,
  render,
  templateVariables,
  whatsappTemplateBody,
} from './message-templates';

describe('message templates', () => {
  it('renders the proposal of the issue, word for word', () => {
    const message = render('proposal_supplier', 'id', {
      code: '4821',
      quantity: '3.000 kg',
      commodity: 'cabai merah keriting',
      place: 'Batam',
      price: 'Rp 32.000',
      band: ' (di atas HAP Rp 2.400 / 8,1%)',
      date: '2 Des',
      mode: 'udara (Juanda)',
      deadline: '1 Des 10.00 WIB',
    });
    expect(message.text).toBe(
      'Usulan 4821: 3.000 kg cabai merah keriting ke Batam, Rp 32.000/kg (di atas HAP Rp 2.400 / 8,1%), kirim 2 Des lewat udara (Juanda). Berlaku s/d 1 Des 10.00 WIB. Balas TERIMA 4821 atau TOLAK 4821 HARGA.',
    );
    expect(message.template).toEqual({
      name: 'jembatan_usulan_pemasok',
      params: [
        '4821',
        '3.000 kg',
        'cabai merah keriting',
        'Batam',
        'Rp 32.000',
        '2 Des',
        'udara (Juanda)',
        '1 Des 10.00 WIB',
      ],
      quickReplies: ['TERIMA 4821', 'TOLAK 4821'],
    });
    expect(message.buttons).toEqual([
      { id: 'TERIMA 4821', title: 'Terima' },
      { id: 'TOLAK 4821', title: 'Tolak' },
    ]);
  });

  it('numbers a WhatsApp template body by first appearance, as Meta approves it', () => {
    expect(whatsappTemplateBody('Usulan {code}: {counterpart} sudah menerima ({code}).')).toBe(
      'Usulan {{1}}: {{2}} sudah menerima ({{1}}).',
    );
  });

  it.each(Object.keys(MESSAGE_TEMPLATES) as MessageKind[])(
    '%s uses exactly its declared variables in both languages and its template',
    (kind) => {
      const template = MESSAGE_TEMPLATES[kind];
      const declared = [...template.variables].sort();
      expect(templateVariables(template.id).sort()).toEqual(declared);
      expect(templateVariables(template.en).sort()).toEqual(declared);
      if ('whatsapp' in template) {
        for (const body of [template.whatsapp.id, template.whatsapp.en])
          for (const name of templateVariables(body)) expect(declared).toContain(name);
        expect(template.whatsapp.name).toMatch(/^[a-z0-9_]{1,512}$/);
      }
      const variables = Object.fromEntries(declared.map((v) => [v, `<${v}>`]));
      expect(render(kind, 'en', variables).text).not.toMatch(/\{\w+\}/);
    },
  );

  it('refuses to render a message with a variable missing', () => {
    expect(() => render('reply_not_found', 'id', {})).toThrow('message variable code is missing');
  });
});
