import type { Email } from '../../mail/mailer';

/**
 * The texts of account emails: Bahasa Indonesia first (the people we serve), English below
 * (partners, auditors). Pure functions, so that wording and links are tested without SMTP.
 */
export type MemberRole = 'owner' | 'member';

const SEPARATOR = '\n\n----------------------------------------\n\n';
const ROLE_ID: Record<MemberRole, string> = { owner: 'pemilik', member: 'anggota' };

export function linkTo(baseUrl: string, page: string, token: string): string {
  return `${baseUrl}/${page}?token=${encodeURIComponent(token)}`;
}

export function verificationEmail(to: string, name: string, link: string, hours: number): Email {
  return {
    to,
    subject: 'Verifikasi email Anda di Jembatan / Verify your email',
    text:
      `Halo ${name},\n\n` +
      `Terima kasih telah mendaftar di Jembatan. Buka tautan berikut untuk memverifikasi email ` +
      `Anda:\n\n${link}\n\n` +
      `Tautan ini berlaku ${hours} jam dan hanya dapat dipakai sekali. Sebelum email terverifikasi, ` +
      `akun Anda hanya dapat melihat data, belum dapat mengubahnya. Jika Anda tidak mendaftar, ` +
      `abaikan email ini.` +
      SEPARATOR +
      `Hello ${name},\n\n` +
      `Thank you for registering with Jembatan. Open this link to verify your email:\n\n${link}\n\n` +
      `The link is valid for ${hours} hours and works once. Until your email is verified your ` +
      `account can read but not change anything. If you did not register, ignore this email.\n`,
  };
}

export function passwordResetEmail(to: string, name: string, link: string, minutes: number): Email {
  return {
    to,
    subject: 'Atur ulang kata sandi Jembatan / Reset your password',
    text:
      `Halo ${name},\n\n` +
      `Kami menerima permintaan untuk mengatur ulang kata sandi akun Jembatan Anda. Buka tautan ` +
      `berikut untuk memilih kata sandi baru:\n\n${link}\n\n` +
      `Tautan ini berlaku ${minutes} menit dan hanya dapat dipakai sekali. Setelah kata sandi ` +
      `diganti, semua sesi yang masuk akan dikeluarkan. Jika Anda tidak memintanya, abaikan email ` +
      `ini: kata sandi Anda tidak berubah.` +
      SEPARATOR +
      `Hello ${name},\n\n` +
      `We received a request to reset the password of your Jembatan account. Open this link to ` +
      `choose a new one:\n\n${link}\n\n` +
      `The link is valid for ${minutes} minutes and works once. Once the password is changed, ` +
      `every signed-in session is signed out. If you did not ask for this, ignore this email: ` +
      `your password stays as it is.\n`,
  };
}

export function invitationEmail(
  to: string,
  organizationName: string,
  inviterName: string,
  role: MemberRole,
  link: string,
  days: number,
): Email {
  return {
    to,
    subject: `Undangan bergabung dengan ${organizationName} di Jembatan / Invitation`,
    text:
      `Halo,\n\n` +
      `${inviterName} mengundang Anda bergabung dengan ${organizationName} di Jembatan sebagai ` +
      `${ROLE_ID[role]}. Buka tautan berikut untuk membuat akun Anda:\n\n${link}\n\n` +
      `Undangan ini berlaku ${days} hari dan hanya dapat dipakai sekali. Jika Anda tidak ` +
      `mengenal pengirimnya, abaikan email ini.` +
      SEPARATOR +
      `Hello,\n\n` +
      `${inviterName} invites you to join ${organizationName} on Jembatan as ${role}. Open this ` +
      `link to create your account:\n\n${link}\n\n` +
      `The invitation is valid for ${days} days and works once. If you do not know the sender, ` +
      `ignore this email.\n`,
  };
}
