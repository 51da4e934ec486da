/** Parameter schemas more than one cvm action uses. */
import { z } from "zod";

/** TagSpecification: [{ResourceType, Tags:[{Key,Value}]}]. */
export const tagSpecificationSchema = z.array(
    z.strictObject({
        ResourceType: z.string(),
        Tags: z.array(z.strictObject({ Key: z.string(), Value: z.string() })),
    }),
);

/** Filter: {Name, Values}. */
export const filterSchema = z.strictObject({ Name: z.string(), Values: z.array(z.string()) });
