/**
 * The sign-in refusals a person actually meets, each turned into one sentence that says where to fix
 * it. Entra ID names them by AADSTS number in error_description (the Entra ID "authentication and
 * authorization error codes" reference); the device code flow ends with the RFC 8628 error codes
 * (authorization_declined, expired_token, bad_verification_code), which MSAL reports only as
 * "post_request_failed", so the network module catches them here first.
 */
import { M365Error } from './errors.js';

/** Where every registration fix is made. */
const APP_REGISTRATION = 'Microsoft Entra admin center > App registrations > the app';

export const CONSENT_CODES = ['AADSTS65001', 'AADSTS65004', 'AADSTS90094', 'AADSTS90008', 'consent_required'] as const;

/** The first AADSTS number in a text, e.g. "AADSTS50194". */
export function aadstsCode(text: string): string | null {
  return /AADSTS\d+/.exec(text)?.[0] ?? null;
}

/** A known AADSTS refusal as an M365Error, or null for one without specific advice. */
export function explainAadsts(text: string, context: { readonly clientId: string; readonly tenant: string }): M365Error | null {
  const code = aadstsCode(text);
  if (CONSENT_CODES.some((known) => text.includes(known))) {
    return new M365Error(
      'consent',
      `The app has not been granted its permissions in this tenant (${code ?? 'consent_required'}): a Global Administrator must grant admin consent in ${APP_REGISTRATION} > API permissions > Grant admin consent.`,
      { code: code ?? 'consent_required' },
    );
  }
  switch (code) {
    case 'AADSTS50194':
      return new M365Error(
        'registration',
        `The app registration is single-tenant, so it cannot sign in through "${context.tenant}" (AADSTS50194): enter the tenant ID or one of the tenant's domains as the tenant in the sign-in settings, or, for a consultant's app used with several customers, set ${APP_REGISTRATION} > Authentication > Supported account types to "Accounts in any organizational directory".`,
        { code },
      );
    case 'AADSTS700016':
      return new M365Error(
        'registration',
        `Entra ID does not know the app ${context.clientId} in this tenant (AADSTS700016): check the Application (client) ID in the settings against ${APP_REGISTRATION} > Overview, and sign in to the tenant the app is registered in (or make the app multi-tenant).`,
        { code },
      );
    case 'AADSTS7000218':
      return new M365Error(
        'registration',
        `Public client flows are turned off for the app (AADSTS7000218): in ${APP_REGISTRATION} > Authentication > Advanced settings, set "Allow public client flows" to Yes.`,
        { code },
      );
    case 'AADSTS50020':
      return new M365Error(
        'registration',
        `The account is not a member of the tenant "${context.tenant}" (AADSTS50020): sign in with an account of that tenant, or set the tenant in the sign-in settings to the account's own tenant (a guest must first be invited in Microsoft Entra admin center > Users).`,
        { code },
      );
    default:
      return null;
  }
}

/** The device code flow's final refusals, by their OAuth error code. */
export function explainDeviceCodeError(error: string): M365Error | null {
  switch (error) {
    case 'authorization_declined':
      return new M365Error('cancelled', 'The sign-in was declined on the Microsoft sign-in page: start the sign-in again and approve it.', { code: error });
    case 'expired_token':
      return new M365Error('sign-in-required', 'The sign-in code expired before it was entered: start the sign-in again and enter the new code within its time.', { code: error });
    case 'bad_verification_code':
      return new M365Error('sign-in-required', 'Microsoft did not recognise the sign-in code: start the sign-in again and enter the new code exactly as shown.', { code: error });
    default:
      return null;
  }
}
