// The sha256 of each export of the small benchmark logs, as the build of
// `commit` wrote them (test/same-output.test.ts). Record them again only when
// a change of output is intended, and say so in the commit:
//   npx tsc -p tsconfig.json && SAME_OUTPUT_RECORD=1 npx vitest run test/same-output.test.ts
// prints them in this form.

export const RECORDED: { commit: string; digests: Record<string, Record<string, string>> } = {
  commit: '05b529f',
  digests: {
    'postfix-4mb-ok15.log': {
      'events csv': '7d96e38804614d41a2d8a416e1de84fb384a9bfab3a87f827abed44d43dc5010',
      'events ndjson': 'fc83345d8ffe831b1724cb161a602418480a7b99b4c7899d12cc355292aa8096',
      'aggregates csv': '9a88c35bb3a3ee9a62690816c21ee1012870654dccfc92b39134f6def3d92c77',
      'aggregates ndjson': 'f872e5cee4c0ba79e61b7f1a25180d9375c2424913e3e955e5b391390c625aa2',
    },
    'exim-4mb-ok15.log': {
      'events csv': 'b56b62bc138178ab18ea8833d0a44e7bd87ba096a7d1b56aa769f5bd26723104',
      'events ndjson': 'd918fe159477ebf70a8d1a2d88c4b0bcc77c2b56114df3b1907c1d8682fa4879',
      'aggregates csv': 'cd31b3f47756bad5603a5c9423c52298cbb42918e774e31d2e80e171048f960c',
      'aggregates ndjson': '6d41258b647ee4b9e492887953600823d02d99afff35bb94215eb2d5addba1c5',
    },
  },
};
