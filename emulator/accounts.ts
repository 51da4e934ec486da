/**
 * The emulator's built-in accounts and their credentials. These keys are public test values: they
 * open nothing but the local emulator, which is why they may be printed and documented.
 */

/** One API key of an account. A key with a `token` is a temporary (STS) key: the token must be sent. */
export interface EmulatorCredential {
    secretId: string;
    secretKey: string;
    /** STS session token (X-TC-Token) required with this key; absent for a permanent key. */
    token?: string;
}

/** An account of the emulator: its root-account ID (UIN), its permanent key, and optional STS key. */
export interface EmulatorAccount {
    accountId: string;
    /** A label for people (not used by the API). */
    name: string;
    secretId: string;
    secretKey: string;
    /** A temporary key of the same account that must be used with its token (X-TC-Token). */
    temporary?: Required<EmulatorCredential>;
}

/** The main account: the one examples and tests act as. */
export const MAIN_ACCOUNT: EmulatorAccount = {
    accountId: "100000000001",
    name: "main",
    secretId: "AKIDEMULATOR0000000000000000000001",
    secretKey: "emulatorSecretKey0000000000000001",
};

/** A second account: owns images that it shares with the main account. */
export const SECOND_ACCOUNT: EmulatorAccount = {
    accountId: "100000000002",
    name: "second",
    secretId: "AKIDEMULATOR0000000000000000000002",
    secretKey: "emulatorSecretKey0000000000000002",
};

/** A third account: shares images with the main account, and also has an STS (token) key. */
export const THIRD_ACCOUNT: EmulatorAccount = {
    accountId: "100000000003",
    name: "third",
    secretId: "AKIDEMULATOR0000000000000000000003",
    secretKey: "emulatorSecretKey0000000000000003",
    temporary: {
        secretId: "AKIDEMULATORSTS000000000000000003",
        secretKey: "emulatorStsSecretKey000000000003",
        token: "emulator-sts-token-100000000003",
    },
};

/** The three built-in accounts, main first. */
export const BUILTIN_ACCOUNTS: readonly EmulatorAccount[] = [MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT];

/** Every key of an account (permanent first, then temporary). */
export function credentialsOf(account: EmulatorAccount): EmulatorCredential[] {
    const keys: EmulatorCredential[] = [{ secretId: account.secretId, secretKey: account.secretKey }];
    if (account.temporary) keys.push(account.temporary);
    return keys;
}
