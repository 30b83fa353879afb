// Log field keys whose values never reach a log line (secrets and personal data), on every runtime.
export const redactedKeys = [
  'appSecret',
  'app_secret',
  'encryptKey',
  'encrypt_key',
  'verificationToken',
  'tenant_access_token',
  'token',
  'authorization',
  'adminToken',
  'idNumber',
  'phone',
  'mobile',
];
