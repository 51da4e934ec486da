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

/**
 * A temporary key: a session of a CAM role of the account (what STS AssumeRole hands out). The role
 * and session name are what GetCallerIdentity reports for it.
 */
export interface TemporaryCredential extends Required<EmulatorCredential> {
    roleId: string;
    roleSessionName: string;
}

/**
 * A sub-account (CAM user) of a root account, with its own UIN and key. It acts on its root
 * account's resources: what it creates belongs to the root account, with the sub-account as creator.
 */
export interface EmulatorSubAccount {
    uin: string;
    /** A label for people (not used by the API). */
    name: string;
    secretId: string;
    secretKey: string;
}

/** An account of the emulator: its root-account ID (UIN), its permanent key, and optional STS key. */
export interface EmulatorAccount {
    accountId: string;
    /** A label for people (not used by the API). */
    name: string;
    secretId: string;
    secretKey: string;
    /** A temporary key of the same account that must be used with its token (X-TC-Token). */
    temporary?: TemporaryCredential;
    /** CAM users of the account, each with its own key. */
    subAccounts?: EmulatorSubAccount[];
}

/** Who signed a request: the root account itself, one of its CAM users, or a role session. */
export type CallerIdentity =
    | { kind: "root"; uin: string }
    | { kind: "subAccount"; uin: string }
    | { kind: "role"; uin: string; roleId: string; roleSessionName: string };

/** A CAM user of the main account: its images belong to the main account, with it as ImageCreator. */
export const MAIN_SUB_ACCOUNT: EmulatorSubAccount = {
    uin: "100000000011",
    name: "main-developer",
    secretId: "AKIDEMULATORSUB0000000000000000011",
    secretKey: "emulatorSubSecretKey0000000000011",
};

/** The main account: the one examples and tests act as. */
export const MAIN_ACCOUNT: EmulatorAccount = {
    accountId: "100000000001",
    name: "main",
    secretId: "AKIDEMULATOR0000000000000000000001",
    secretKey: "emulatorSecretKey0000000000000001",
    subAccounts: [MAIN_SUB_ACCOUNT],
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
        roleId: "4611686018427400003",
        roleSessionName: "emulator-session",
    },
};

/** The three built-in accounts, main first. */
export const BUILTIN_ACCOUNTS: readonly EmulatorAccount[] = [MAIN_ACCOUNT, SECOND_ACCOUNT, THIRD_ACCOUNT];

/** One key of an account and who signs with it. */
export interface AccountKey {
    credential: EmulatorCredential;
    caller: CallerIdentity;
}

/** Every key of an account: permanent first, then temporary, then its sub-accounts'. */
export function keysOf(account: EmulatorAccount): AccountKey[] {
    const root: CallerIdentity = { kind: "root", uin: account.accountId };
    const keys: AccountKey[] = [
        { credential: { secretId: account.secretId, secretKey: account.secretKey }, caller: root },
    ];
    if (account.temporary) {
        const { roleId, roleSessionName, ...credential } = account.temporary;
        keys.push({ credential, caller: { kind: "role", uin: account.accountId, roleId, roleSessionName } });
    }
    for (const sub of account.subAccounts ?? []) {
        keys.push({
            credential: { secretId: sub.secretId, secretKey: sub.secretKey },
            caller: { kind: "subAccount", uin: sub.uin },
        });
    }
    return keys;
}
