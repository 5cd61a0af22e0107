import { invitationEmail, linkTo, passwordResetEmail, verificationEmail } from './account-emails';

describe('account emails', () => {
  const link = linkTo('https://jembatan.example.id', 'verify-email', 'a+b/c');

  it('puts the token in the link, URL-encoded', () => {
    expect(link).toBe('https://jembatan.example.id/verify-email?token=a%2Bb%2Fc');
  });

  it('writes the verification email in Bahasa Indonesia first, English below, with the link', () => {
    const email = verificationEmail('siti@kud.id', 'Siti', link, 48);
    expect(email.to).toBe('siti@kud.id');
    const indonesian = email.text.indexOf('Terima kasih');
    const english = email.text.indexOf('Thank you');
    expect(indonesian).toBeGreaterThanOrEqual(0);
    expect(english).toBeGreaterThan(indonesian);
    expect(email.text.split(link)).toHaveLength(3);
    expect(email.text).toContain('48 jam');
  });

  it('says how long a reset link lasts, in both languages', () => {
    const email = passwordResetEmail('siti@kud.id', 'Siti', link, 60);
    expect(email.text).toContain('60 menit');
    expect(email.text).toContain('60 minutes');
  });

  it('names the organization, the inviter and the role in an invitation', () => {
    const email = invitationEmail('budi@kud.id', 'KUD Makmur', 'Siti', 'member', link, 7);
    expect(email.subject).toContain('KUD Makmur');
    expect(email.text).toContain('Siti mengundang Anda bergabung dengan KUD Makmur');
    expect(email.text).toContain('sebagai anggota');
    expect(email.text).toContain('as member');
  });
});
