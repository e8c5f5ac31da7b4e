import { z } from 'zod';
import { adminPasswordSchema, usernameSchema } from './account';

/** /j/CODE addresses: letters and digits, upper-cased so "yc" and "YC" are one code. */
export const jurisdictionCodeSchema = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,12}$/, '代码须为 2–12 位字母或数字');

/** What a district types to install Minsheng: its own name and code, and its first administrator. */
export const firstAdministratorSchema = z.object({
  districtName: z.string().trim().min(1, '请填写区（县）名称').max(40, '不能超过40个字'),
  districtCode: jurisdictionCodeSchema,
  username: usernameSchema,
  displayName: z.string().trim().min(1, '请填写管理员姓名').max(40, '不能超过40个字'),
  password: adminPasswordSchema,
});
export type FirstAdministratorForm = z.output<typeof firstAdministratorSchema>;

/** The setup page asks for the password twice: nobody sees it printed. */
export const setupFormSchema = firstAdministratorSchema.extend({ confirm: z.string().max(128) })
  .refine((f) => f.password === f.confirm, { path: ['confirm'], message: '两次输入的密码不一致' });

export const ADMINISTRATOR_EXISTS = '已有区级管理员，初始设置只能进行一次。请用已有的管理员账号登录，在“用户管理”中新增账号。';
export const DATABASE_NOT_EMPTY = '数据库中已有辖区数据，不能再次初始设置。如果是演示数据，请先运行 npm run demo:remove。';
