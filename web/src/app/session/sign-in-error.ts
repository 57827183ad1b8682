/** A message a person can act on, for a Firebase Auth error code (signing in or up). */
export function signInErrorMessage(code: string | undefined): string {
  switch (code) {
    case 'auth/invalid-credential':
    case 'auth/invalid-login-credentials':
    case 'auth/wrong-password':
    case 'auth/user-not-found':
      return 'Email or password is incorrect.';
    case 'auth/invalid-email':
      return 'Enter a valid email address.';
    case 'auth/user-disabled':
      return 'This account is disabled. Ask an admin of your tenant.';
    case 'auth/too-many-requests':
      return 'Too many attempts. Wait a minute, then try again.';
    case 'auth/email-already-in-use':
      return 'An account with this email exists: sign in instead.';
    case 'auth/weak-password':
      return 'Choose a password of at least 6 characters.';
    case 'auth/network-request-failed':
      return 'Cannot reach the sign-in service. Check your connection and try again.';
    default:
      return 'Sign-in failed. Try again.';
  }
}
