// Where the test server listens: apart from the demo's 3000 so both can run at once.
export const TEST_PORT = Number(process.env.NETLENS_TEST_PORT ?? 3210);
export const TEST_BASE_URL = `http://127.0.0.1:${TEST_PORT}`;
