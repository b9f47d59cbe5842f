import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../../platform/http/schemas.js';
import { templateCsv, templateFilename, templateWorkbook, type TemplateLanguage } from './import/template.columns.js';

const tags = ['suppliers'];
const Query = Type.Object({
  lang: Type.Union([Type.Literal('es'), Type.Literal('en')], { default: 'es', description: 'Language of the headers and instructions: es (default) or en' }),
});
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The empty supplier template for `suppliers.template` imports, generated from
 * `import/template.columns.ts` (never a hand-kept copy). Public: chambers and states fill it
 * in; importing it needs the admin role.
 */
export function suppliersTemplateRoutes() {
  // The files only change with the code, so each is built once per language.
  const workbooks = new Map<TemplateLanguage, Promise<Buffer>>();
  return async (app: FastifyInstance) => {
    app.get('/suppliers/template.xlsx', {
      schema: { tags, summary: 'The supplier template as XLSX (data sheet with dropdowns, instructions sheet)', querystring: Query, response: { 400: Problem } },
    }, async (request, reply) => {
      const { lang } = request.query as { lang: TemplateLanguage };
      if (!workbooks.has(lang)) {
        const built = templateWorkbook(lang);
        built.catch(() => workbooks.delete(lang));
        workbooks.set(lang, built);
      }
      const body = await workbooks.get(lang)!;
      return reply.type(xlsxType).header('content-disposition', `attachment; filename="${templateFilename(lang, 'xlsx')}"`).send(body);
    });

    app.get('/suppliers/template.csv', {
      schema: { tags, summary: 'The supplier template as CSV (UTF-8 with BOM, header row only)', querystring: Query, response: { 400: Problem } },
    }, async (request, reply) => {
      const { lang } = request.query as { lang: TemplateLanguage };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${templateFilename(lang, 'csv')}"`).send(templateCsv(lang));
    });
  };
}
