// The failure causes. The ids are a public contract (CLI, database, CSV, JSON):
// never rename one or change what it means. Titles and advice are ours to improve,
// in English and in Vietnamese (explain --lang vi).

import type { Direction } from '../../parsers/events.js';
import type { Lang } from '../lang.js';

export const CAUSE_IDS = [
  'recipient-unknown',
  'recipient-antispam',
  'outbound-filter',
  'relay-denied',
  'external-recipient-forbidden',
  'auth-required',
  'sender-not-permitted',
  'recipient-server-down',
  'address-changed',
  'mailbox-suspended',
  'mailbox-disabled',
  'dns-misconfigured',
  'mailbox-inactive',
  'message-too-large',
  'throttled',
  'other',
  'unclassified',
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];

/** The thirteen documented causes of SMTP 550, in the seed document's order: the first ids of the contract. */
export const DOCUMENTED_550_CAUSES: readonly CauseId[] = CAUSE_IDS.slice(0, 13);

export interface CauseText {
  title: string;
  advice: string;
}

/** A cause's texts in English, and the same in Vietnamese. */
interface Worded extends CauseText {
  vi: CauseText;
}

export interface Cause extends Worded {
  id: CauseId;
}

export const CAUSES: Record<CauseId, Cause> = {
  'recipient-unknown': {
    id: 'recipient-unknown',
    title: 'Recipient address does not exist',
    advice: 'Check the address for typos and confirm it with the recipient by other means; remove it from lists if it keeps bouncing.',
    vi: { title: 'Địa chỉ người nhận không tồn tại', advice: 'Kiểm tra lỗi chính tả trong địa chỉ và xác nhận lại với người nhận bằng cách khác; nếu địa chỉ cứ bị trả lại, hãy xóa nó khỏi các danh sách gửi.' },
  },
  'recipient-antispam': {
    id: 'recipient-antispam',
    title: "Refused by recipient's anti-spam",
    advice: 'Check blocklist listings, SPF, DKIM and DMARC for the sending domain, and sender verification; ask the recipient to allow-list the sender if needed.',
    vi: { title: 'Bị bộ lọc chống spam của người nhận từ chối', advice: 'Kiểm tra xem tên miền gửi có nằm trong blocklist không, kiểm tra SPF, DKIM, DMARC và việc xác minh người gửi; nếu cần, đề nghị người nhận đưa người gửi vào danh sách cho phép.' },
  },
  'outbound-filter': {
    id: 'outbound-filter',
    title: 'Stopped by our outbound filter',
    advice: "Review the outbound appliance's verdict and rules; a flagged sender may be an infected machine sending spam.",
    vi: { title: 'Bị bộ lọc thư đi của ta chặn', advice: 'Xem lại kết luận và quy tắc của thiết bị lọc thư đi; người gửi bị đánh dấu có thể là một máy bị nhiễm mã độc đang phát tán spam.' },
  },
  'relay-denied': {
    id: 'relay-denied',
    title: 'Relaying denied',
    advice: 'The server is not the destination and will not relay for this client: authenticate, send through the right relay, or fix the sending address.',
    vi: { title: 'Bị từ chối chuyển tiếp (relay)', advice: 'Máy chủ không phải là đích đến và không chuyển tiếp thư cho máy khách này: hãy xác thực, gửi qua đúng relay, hoặc sửa địa chỉ gửi.' },
  },
  'external-recipient-forbidden': {
    id: 'external-recipient-forbidden',
    title: 'External recipients not allowed',
    advice: 'The account is restricted to internal recipients; change the restriction if external mail is intended.',
    vi: { title: 'Không được gửi tới người nhận bên ngoài', advice: 'Tài khoản bị giới hạn chỉ gửi cho người nhận nội bộ; nếu cần gửi ra ngoài, hãy thay đổi giới hạn này.' },
  },
  'auth-required': {
    id: 'auth-required',
    title: 'SMTP authentication required',
    advice: 'Configure the client or relay host to authenticate (SMTP AUTH) with valid credentials.',
    vi: { title: 'Yêu cầu xác thực SMTP', advice: 'Cấu hình máy khách hoặc relay host để xác thực (SMTP AUTH) bằng thông tin đăng nhập hợp lệ.' },
  },
  'sender-not-permitted': {
    id: 'sender-not-permitted',
    title: 'Sender address not allowed',
    advice: 'Send from an address of a domain the provider hosts for this account, or register the domain with the provider.',
    vi: { title: 'Địa chỉ người gửi không được phép', advice: 'Gửi từ một địa chỉ thuộc tên miền mà nhà cung cấp quản lý cho tài khoản này, hoặc đăng ký tên miền đó với nhà cung cấp.' },
  },
  'recipient-server-down': {
    id: 'recipient-server-down',
    title: 'Remote server down or unreachable',
    advice: 'Usually transient: the MTA retries. If it persists until expiry, tell the recipient their server is down.',
    vi: { title: 'Máy chủ bên nhận ngừng hoạt động hoặc không kết nối được', advice: 'Thường chỉ là tạm thời: MTA sẽ tự gửi lại. Nếu lỗi kéo dài đến khi thư hết hạn, hãy báo cho người nhận rằng máy chủ của họ đang ngừng hoạt động.' },
  },
  'address-changed': {
    id: 'address-changed',
    title: 'Recipient address has changed',
    advice: 'Update the address book and lists to the new address the reply gives.',
    vi: { title: 'Địa chỉ người nhận đã thay đổi', advice: 'Cập nhật sổ địa chỉ và các danh sách sang địa chỉ mới ghi trong phản hồi.' },
  },
  'mailbox-suspended': {
    id: 'mailbox-suspended',
    title: 'Recipient mailbox suspended',
    advice: 'Contact the recipient by other means; the mailbox is suspended at their provider.',
    vi: { title: 'Hộp thư người nhận bị tạm khóa', advice: 'Liên hệ người nhận bằng cách khác; hộp thư của họ đang bị nhà cung cấp tạm khóa.' },
  },
  'mailbox-disabled': {
    id: 'mailbox-disabled',
    title: 'Mailbox disabled or full',
    advice: 'The recipient must free space or re-enable the mailbox; retry later.',
    vi: { title: 'Hộp thư bị vô hiệu hóa hoặc đã đầy', advice: 'Người nhận phải giải phóng dung lượng hoặc kích hoạt lại hộp thư; hãy gửi lại sau.' },
  },
  'dns-misconfigured': {
    id: 'dns-misconfigured',
    title: 'DNS or MX misconfigured',
    advice: 'Check the MX, A and PTR records of the domains involved (ours and the recipient’s) and our resolver.',
    vi: { title: 'Cấu hình DNS hoặc MX sai', advice: 'Kiểm tra các bản ghi MX, A và PTR của các tên miền liên quan (của ta và của người nhận) và DNS resolver của ta.' },
  },
  'mailbox-inactive': {
    id: 'mailbox-inactive',
    title: "Problem at recipient's provider",
    advice: 'Tell the recipient their hosting provider is failing to accept mail for the mailbox.',
    vi: { title: 'Sự cố ở nhà cung cấp của người nhận', advice: 'Báo cho người nhận rằng nhà cung cấp dịch vụ của họ không nhận được thư cho hộp thư này.' },
  },
  'message-too-large': {
    id: 'message-too-large',
    title: 'Message too large',
    advice: 'Send smaller messages (link large files instead of attaching them) or raise the size limit.',
    vi: { title: 'Thư quá lớn', advice: 'Gửi thư nhỏ hơn (gửi liên kết tới tệp lớn thay vì đính kèm) hoặc nâng giới hạn kích thước.' },
  },
  throttled: {
    id: 'throttled',
    title: 'Greylisted or rate-limited',
    advice: 'Usually resolves itself on retry; if it persists, slow the sending rate or reduce recipients per message.',
    vi: { title: 'Bị greylisting hoặc giới hạn tốc độ', advice: 'Thường tự hết khi gửi lại; nếu kéo dài, hãy giảm tốc độ gửi hoặc bớt số người nhận mỗi thư.' },
  },
  other: {
    id: 'other',
    title: 'Other understood failure',
    advice: 'See the diagnostic text: protocol, TLS or local delivery problems outside the documented causes.',
    vi: { title: 'Lỗi khác đã xác định được', advice: 'Xem nội dung chẩn đoán: lỗi giao thức, TLS hoặc giao thư nội bộ nằm ngoài các nguyên nhân đã liệt kê.' },
  },
  unclassified: {
    id: 'unclassified',
    title: 'Not yet classified',
    advice: 'No rule matched this text; it is kept so a rule can be added.',
    vi: { title: 'Chưa được phân loại', advice: 'Không quy tắc nào khớp với nội dung này; nó được giữ lại để có thể thêm quy tắc.' },
  },
};

/**
 * The same cause seen from another side. CAUSES words each cause for mail we
 * send (outbound); where a refusal by our own server (inbound) or a failure of
 * our own delivery agent or store (local) means something else to act on, it
 * is worded here, from our side.
 */
const BY_DIRECTION: Partial<Record<CauseId, Partial<Record<Exclude<Direction, 'outbound'>, Worded>>>> = {
  'recipient-unknown': {
    inbound: {
      title: 'We refused an unknown recipient of ours',
      advice: 'Mostly senders guessing addresses; if a real user or alias is refused, add it to our recipient maps (local_recipient_maps, virtual_alias_maps, LDAP).',
      vi: { title: 'Máy chủ của ta từ chối một người nhận không tồn tại', advice: 'Phần lớn là bên gửi đoán mò địa chỉ; nếu một người dùng hoặc alias thật bị từ chối, hãy thêm vào bảng người nhận của ta (local_recipient_maps, virtual_alias_maps, LDAP).' },
    },
    local: {
      title: 'No such mailbox in our store',
      advice: 'The address was accepted but our delivery agent has no mailbox for it: add the mailbox or alias, or make the SMTP server know the recipients so it refuses them instead of bouncing.',
      vi: { title: 'Kho thư của ta không có hộp thư này', advice: 'Địa chỉ đã được nhận nhưng chương trình giao thư của ta không có hộp thư cho nó: hãy thêm hộp thư hoặc alias, hoặc cho máy chủ SMTP biết danh sách người nhận để nó từ chối ngay thay vì gửi thư báo lỗi.' },
    },
  },
  'recipient-antispam': {
    inbound: {
      title: 'We refused a suspect client or sender',
      advice: 'Our postscreen, blocklist or content checks refused it, usually rightly; if a partner is refused, check its listing and allow-list it in our client or sender access map.',
      vi: { title: 'Máy chủ của ta từ chối một máy khách hoặc người gửi đáng ngờ', advice: 'postscreen, blocklist hoặc bộ kiểm tra nội dung của ta đã từ chối, thường là đúng; nếu một đối tác bị từ chối, hãy kiểm tra nó có trong blocklist không và cho phép nó trong bảng truy cập máy khách hoặc người gửi của ta.' },
    },
    local: {
      title: 'Refused by our own filter at delivery',
      advice: 'A filter on our store (sieve, the delivery agent) refused the message: review that rule.',
      vi: { title: 'Bị chính bộ lọc của ta từ chối khi giao thư', advice: 'Một bộ lọc trên kho thư của ta (sieve, chương trình giao thư) đã từ chối thư: hãy xem lại quy tắc đó.' },
    },
  },
  'relay-denied': {
    inbound: {
      title: 'We refused to relay for an outside client',
      advice: 'Expected for spam probes; a user of ours who is refused must authenticate on the submission port (587) or send from a network in mynetworks.',
      vi: { title: 'Máy chủ của ta từ chối chuyển tiếp cho máy khách bên ngoài', advice: 'Bình thường với các lần dò của spam; người dùng của ta bị từ chối thì phải xác thực qua cổng submission (587) hoặc gửi từ một mạng thuộc mynetworks.' },
    },
  },
  'external-recipient-forbidden': {
    inbound: {
      title: 'We refused outside mail of a restricted user',
      advice: 'Our own policy restricts the account to internal recipients; change the restriction if it should send outside.',
      vi: { title: 'Máy chủ của ta từ chối thư ra ngoài của người dùng bị giới hạn', advice: 'Chính sách của ta giới hạn tài khoản chỉ gửi cho người nhận nội bộ; nếu tài khoản cần gửi ra ngoài, hãy thay đổi giới hạn.' },
    },
  },
  'auth-required': {
    inbound: {
      title: 'We refused an unauthenticated client',
      advice: 'A user of ours must set SMTP AUTH in their mail client; refusals of outside clients are probes and need nothing.',
      vi: { title: 'Máy chủ của ta từ chối một máy khách chưa xác thực', advice: 'Người dùng của ta phải bật SMTP AUTH trong chương trình thư; các máy khách bên ngoài bị từ chối chỉ là dò thử, không cần làm gì.' },
    },
  },
  'sender-not-permitted': {
    inbound: {
      title: 'We refused a sender the client may not use',
      advice: 'An authenticated user sent from an address not theirs (smtpd_sender_login_maps): give them the address, or have them send from their own.',
      vi: { title: 'Máy chủ của ta từ chối địa chỉ gửi mà máy khách không được dùng', advice: 'Một người dùng đã xác thực gửi từ địa chỉ không phải của họ (smtpd_sender_login_maps): hãy cấp địa chỉ đó cho họ, hoặc yêu cầu họ gửi từ địa chỉ của mình.' },
    },
  },
  'recipient-server-down': {
    inbound: {
      title: 'We deferred: a check of ours failed',
      advice: 'A lookup our restrictions depend on (DNS, a map, a policy or milter service) failed: check that service; the client retries.',
      vi: { title: 'Máy chủ của ta hoãn nhận: một bước kiểm tra bị lỗi', advice: 'Một tra cứu mà các hạn chế của ta cần đến (DNS, một bảng tra, dịch vụ policy hoặc milter) bị lỗi: hãy kiểm tra dịch vụ đó; máy khách sẽ gửi lại.' },
    },
    local: {
      title: 'Our store or delivery agent unreachable',
      advice: 'Check the delivery service (LMTP to Dovecot or Cyrus), its socket and its log; mail waits in our queue meanwhile.',
      vi: { title: 'Không kết nối được kho thư hoặc chương trình giao thư của ta', advice: 'Kiểm tra dịch vụ giao thư (LMTP tới Dovecot hoặc Cyrus), socket và nhật ký của nó; trong lúc đó thư vẫn chờ trong hàng đợi của ta.' },
    },
  },
  'address-changed': {
    inbound: {
      title: 'We refused a moved recipient of ours',
      advice: 'Our relocated map sent the client the new address; remove the entry once senders have caught up.',
      vi: { title: 'Máy chủ của ta từ chối một người nhận đã chuyển địa chỉ', advice: 'Bảng relocated của ta đã báo địa chỉ mới cho máy khách; hãy xóa mục đó khi bên gửi đã cập nhật.' },
    },
  },
  'mailbox-suspended': {
    inbound: {
      title: 'We refused: our mailbox is suspended',
      advice: 'Re-enable the account if it was suspended by mistake.',
      vi: { title: 'Máy chủ của ta từ chối: hộp thư của ta đang bị tạm khóa', advice: 'Kích hoạt lại tài khoản nếu nó bị tạm khóa nhầm.' },
    },
    local: {
      title: 'A mailbox of ours is suspended',
      advice: 'Re-enable the account if it was suspended by mistake.',
      vi: { title: 'Một hộp thư của ta đang bị tạm khóa', advice: 'Kích hoạt lại tài khoản nếu nó bị tạm khóa nhầm.' },
    },
  },
  'mailbox-disabled': {
    inbound: {
      title: 'We refused: our mailbox full or disabled',
      advice: 'The user must free space or have their quota raised; re-enable the account if it was disabled by mistake.',
      vi: { title: 'Máy chủ của ta từ chối: hộp thư của ta đầy hoặc bị vô hiệu hóa', advice: 'Người dùng phải giải phóng dung lượng hoặc được nâng hạn mức; kích hoạt lại tài khoản nếu nó bị vô hiệu hóa nhầm.' },
    },
    local: {
      title: 'A mailbox of ours is full or disabled',
      advice: "Raise the user's quota or have them free space; when many mailboxes fail at once, check free space on our store.",
      vi: { title: 'Một hộp thư của ta đầy hoặc bị vô hiệu hóa', advice: 'Nâng hạn mức của người dùng hoặc yêu cầu họ giải phóng dung lượng; khi nhiều hộp thư cùng lỗi một lúc, hãy kiểm tra dung lượng trống trên kho thư của ta.' },
    },
  },
  'dns-misconfigured': {
    inbound: {
      title: 'We refused an unresolvable sender domain',
      advice: 'reject_unknown_sender_domain or sender verification did this; a legitimate sender must fix its DNS, or get an exception in our sender access map. Our own MX records are not at fault.',
      vi: { title: 'Máy chủ của ta từ chối tên miền gửi không phân giải được', advice: 'Do reject_unknown_sender_domain hoặc việc xác minh người gửi; bên gửi hợp lệ phải sửa DNS của họ, hoặc được ngoại lệ trong bảng truy cập người gửi của ta. Bản ghi MX của ta không có lỗi.' },
    },
    local: {
      title: 'Our delivery route does not resolve',
      advice: 'A transport or relay of ours names a host that does not resolve: check the transport map and our resolver.',
      vi: { title: 'Tuyến giao thư của ta không phân giải được', advice: 'Một transport hoặc relay của ta trỏ tới máy không phân giải được: hãy kiểm tra bảng transport và DNS resolver của ta.' },
    },
  },
  'message-too-large': {
    inbound: {
      title: 'We refused a message over our size limit',
      advice: 'Raise message_size_limit if such messages are wanted; otherwise the sender should link large files.',
      vi: { title: 'Máy chủ của ta từ chối thư vượt giới hạn kích thước', advice: 'Nâng message_size_limit nếu muốn nhận những thư như vậy; nếu không, bên gửi nên gửi liên kết tới tệp lớn.' },
    },
    local: {
      title: 'Over our mailbox or delivery size limit',
      advice: "Raise the store's limit (mailbox_size_limit, the quota) or have the user free space.",
      vi: { title: 'Vượt giới hạn kích thước hộp thư hoặc giao thư của ta', advice: 'Nâng giới hạn của kho thư (mailbox_size_limit, hạn mức) hoặc yêu cầu người dùng giải phóng dung lượng.' },
    },
  },
  throttled: {
    inbound: {
      title: 'We greylisted or rate-limited a client',
      advice: 'Real servers retry and get through; allow-list a partner that is delayed, or raise the rate limit if our own users hit it.',
      vi: { title: 'Máy chủ của ta greylist hoặc giới hạn tốc độ một máy khách', advice: 'Máy chủ thật sẽ gửi lại và qua được; hãy cho phép đối tác bị chậm, hoặc nâng giới hạn tốc độ nếu chính người dùng của ta bị chặn.' },
    },
    local: {
      title: 'Our delivery agent held mail back',
      advice: "Usually clears on retry; if it persists, check the delivery agent's concurrency and the store's load.",
      vi: { title: 'Chương trình giao thư của ta tạm giữ thư', advice: 'Thường tự hết khi gửi lại; nếu kéo dài, hãy kiểm tra mức đồng thời của chương trình giao thư và tải của kho thư.' },
    },
  },
  other: {
    inbound: {
      title: 'We refused for another understood reason',
      advice: "See the diagnostic text: protocol, TLS or HELO checks of ours that are outside the documented causes.",
      vi: { title: 'Máy chủ của ta từ chối vì một lý do khác đã xác định được', advice: 'Xem nội dung chẩn đoán: các bước kiểm tra giao thức, TLS hoặc HELO của ta nằm ngoài các nguyên nhân đã liệt kê.' },
    },
    local: {
      title: 'Our delivery agent failed',
      advice: "See the diagnostic text: a pipe command's exit status, a permission problem or a full disk on our store.",
      vi: { title: 'Chương trình giao thư của ta bị lỗi', advice: 'Xem nội dung chẩn đoán: mã thoát của lệnh pipe, lỗi quyền truy cập hoặc ổ đĩa đầy trên kho thư của ta.' },
    },
  },
};

/** What a cause means and what to do, as seen from `direction` (outbound when not given): report and explain both say this. */
export function causeText(id: CauseId, direction: Direction = 'outbound', lang: Lang = 'en'): CauseText {
  const worded = (direction !== 'outbound' && BY_DIRECTION[id]?.[direction]) || CAUSES[id];
  const { title, advice } = lang === 'vi' ? worded.vi : worded;
  return { title, advice };
}

/** The directions besides outbound in which a cause is worded on its own. */
export function otherWordings(id: CauseId): Direction[] {
  return Object.keys(BY_DIRECTION[id] ?? {}) as Direction[];
}

export function isCauseId(value: string): value is CauseId {
  return (CAUSE_IDS as readonly string[]).includes(value);
}
