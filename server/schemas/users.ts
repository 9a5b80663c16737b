import { z } from 'zod';
import { ROLES } from '../../db/users.ts';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords.ts';

/** The admin page's forms (/users). */
export const addUserSchema = z.object({
  name: z.string().trim().min(1, 'a user name is required').max(64),
  role: z.enum(ROLES),
  password: z.string().max(MAX_PASSWORD_LENGTH),
});

export const roleSchema = z.object({ role: z.enum(ROLES) });
export const passwordSchema = z.object({ password: z.string().max(MAX_PASSWORD_LENGTH) });
export const userNameParam = z.string().min(1).max(64);
