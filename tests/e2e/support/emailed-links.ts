import { AUTH_HOST, PROJECT_ID } from '../../../testkit/emulators';

const oobCodes = `http://${AUTH_HOST}/emulator/v1/projects/${PROJECT_ID}/oobCodes`;
const resetPassword = `http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:resetPassword?key=emulator`;

interface EmailedCode {
  email: string;
  oobCode: string;
  requestType: string;
}

/**
 * Does what the invitee does with the password email Firebase Auth would have sent them: the Auth
 * emulator sends no email but keeps each link's code, which sets the account's password.
 */
export async function setPasswordFromEmailedLink(email: string, password: string): Promise<void> {
  const listed = (await (await fetch(oobCodes)).json()) as { oobCodes?: EmailedCode[] };
  const code = (listed.oobCodes ?? []).findLast((emailed) => emailed.email === email && emailed.requestType === 'PASSWORD_RESET');
  if (code === undefined) throw new Error(`no password email was sent to ${email}`);
  const answer = await fetch(resetPassword, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ oobCode: code.oobCode, newPassword: password }),
  });
  if (!answer.ok) throw new Error(`the emailed link did not set the password: ${answer.status} ${await answer.text()}`);
}
