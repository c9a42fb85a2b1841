// Where the test server listens (apart from the demo's 3000 so both can run at once), and the
// tokens every test server is started with.
export const TEST_PORT = Number(process.env.NETLENS_TEST_PORT ?? 3210);
export const TEST_BASE_URL = `http://127.0.0.1:${TEST_PORT}`;

export const TEST_TOKENS = {
  admin: "test-admin-token-0123456789",
  operator: "test-operator-token-0123456789",
  viewer: "test-viewer-token-0123456789",
} as const;

export const TEST_SERVER_ENV = {
  NETLENS_TOKEN: TEST_TOKENS.admin,
  NETLENS_OPERATOR_TOKEN: TEST_TOKENS.operator,
  NETLENS_VIEWER_TOKEN: TEST_TOKENS.viewer,
  NETLENS_DATA_DIR: "/tmp/netlens-test-data",
  // No registry here: probes run the locally built busybox.
  NETLENS_PROBE_IMAGE: "netlens-busybox:latest",
};

export const bearer = (role: keyof typeof TEST_TOKENS) => ({
  Authorization: `Bearer ${TEST_TOKENS[role]}`,
});
