import { z } from "zod";

/**
 * The provider's settings. Each comes from stack config `tencentcloud-images:<key>` when set, else from
 * its environment variable. They are read when a provider method runs, never captured in the
 * serialized provider, so no credential or config value reaches the Pulumi state.
 */
export interface ProviderSettings {
    /** Default region of resources that name none (`TENCENTCLOUD_REGION`). */
    region?: string;
    /** API key ID (`TENCENTCLOUD_SECRET_ID`). */
    secretId?: string;
    /** API key secret (`TENCENTCLOUD_SECRET_KEY`). */
    secretKey?: string;
    /** STS session token of temporary credentials (`TENCENTCLOUD_SECURITY_TOKEN`). */
    securityToken?: string;
    /** Base URL of the API (`TENCENTCLOUD_IMAGES_ENDPOINT`); default the public Tencent Cloud API. */
    endpoint?: string;
    /** Most accounts one image may be shared with (`TENCENTCLOUD_IMAGES_MAX_SHARE_ACCOUNTS`); default 50. */
    maxShareAccounts: number;
}

/** The stack-config namespace of the provider's settings. */
export const CONFIG_NAMESPACE = "tencentcloud-images";

/** Setting name → environment variable. */
export const SETTING_ENV_VARS = {
    region: "TENCENTCLOUD_REGION",
    secretId: "TENCENTCLOUD_SECRET_ID",
    secretKey: "TENCENTCLOUD_SECRET_KEY",
    securityToken: "TENCENTCLOUD_SECURITY_TOKEN",
    endpoint: "TENCENTCLOUD_IMAGES_ENDPOINT",
    maxShareAccounts: "TENCENTCLOUD_IMAGES_MAX_SHARE_ACCOUNTS",
} as const;

export type SettingName = keyof typeof SETTING_ENV_VARS;

/** Reads one raw setting (a string) by its name; undefined when unset. */
export type SettingSource = (name: SettingName) => string | undefined;

const settingsSchema = z.object({
    region: z.string().min(1).optional(),
    secretId: z.string().min(1).optional(),
    secretKey: z.string().min(1).optional(),
    securityToken: z.string().min(1).optional(),
    endpoint: z.url({ message: "must be an http(s) URL, e.g. http://127.0.0.1:8080" }).optional(),
    maxShareAccounts: z.coerce
        .number({ message: "must be a whole number" })
        .int("must be a whole number")
        .positive("must be at least 1")
        .default(50),
});

/** Stack config first (as handed to `configure()`), then the environment. */
export function settingSource(stackConfig?: { get(key: string): string | undefined }): SettingSource {
    return (name) => {
        const fromStack = stackConfig?.get(`${CONFIG_NAMESPACE}:${name}`);
        if (fromStack !== undefined && fromStack !== "") return fromStack;
        const fromEnv = process.env[SETTING_ENV_VARS[name]];
        return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
    };
}

/**
 * Resolves and validates the settings. A bad value fails with the setting's name and where to set it,
 * never with the value itself (it may be a secret).
 */
export function resolveSettings(source: SettingSource = settingSource()): ProviderSettings {
    const raw = Object.fromEntries(
        (Object.keys(SETTING_ENV_VARS) as SettingName[]).map((name) => [name, source(name)]),
    );
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => {
            const name = String(issue.path[0]) as SettingName;
            return `setting "${name}" (stack config ${CONFIG_NAMESPACE}:${name} or env ${SETTING_ENV_VARS[name]}) ${issue.message}`;
        });
        throw new Error(`Invalid tencentcloud-images configuration: ${problems.join("; ")}`);
    }
    return parsed.data;
}

/** Fails with a message that says where to set credentials when they are missing. */
export function requireCredentials(settings: ProviderSettings): { secretId: string; secretKey: string } {
    if (!settings.secretId || !settings.secretKey) {
        throw new Error(
            "No Tencent Cloud credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or " +
                `pulumi config set ${CONFIG_NAMESPACE}:secretId … and pulumi config set --secret ${CONFIG_NAMESPACE}:secretKey …`,
        );
    }
    return { secretId: settings.secretId, secretKey: settings.secretKey };
}
