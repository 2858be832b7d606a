// SMTP reply codes: the three-digit codes of RFC 5321 and of the extensions
// that define codes of their own, explained in the project's own words for a
// mail administrator reading a log, in English and Vietnamese. Sorted by code.
//
// Sources and choices:
// - RFC 5321 (base protocol), RFC 3207 (STARTTLS: 220, 454, 501, 530),
//   RFC 4954 (SMTP AUTH: 235, 334, 432, 454, 500, 501, 503, 504, 530, 534,
//   535, 538), RFC 7504 (521, 556), RFC 1985 (ETRN: 253, 458, 459),
//   RFC 2645 (ODMR/ATRN: 453).
// - 523 is not defined by RFC 4954. The RFC 5248 enhanced status code
//   registry lists it as the associated basic code of X.7.10 "Encryption
//   Needed", and servers use it (e.g. Dovecot's submission service answers
//   "523 5.7.10"), so it is included with "RFC 5248" as its source.
// - RFC 1870 (SIZE), RFC 3030 (CHUNKING/BINARYMIME), RFC 6531 (SMTPUTF8),
//   RFC 8689 (REQUIRETLS) and RFC 2034 (ENHANCEDSTATUSCODES) define no new
//   basic codes; they reuse existing ones (452/552/555, 553 5.6.7, 5.7.30 ...),
//   which the entries below mention where it matters.
// - Left out on purpose: 355 (RFC 1845 checkpoint/restart, Experimental and
//   not deployed) and 200 (never standard, RFC 876 era).
//
// `causes` lists, for failure codes, the taxonomy causes (shared/taxonomy.md)
// a reply with that code can mean in practice, most usual first. For 550 it
// lists all thirteen documented causes in the taxonomy's order.

import { DOCUMENTED_550_CAUSES } from '../classify/causes.js';
import type { ReplyCodeEntry } from './entry.js';

export const REPLY_CODES: readonly ReplyCodeEntry[] = [
  {
    code: 211,
    defined: 'RFC 5321',
    title: 'System status',
    description:
      'An informational reply in which the server reports on its own state or answers a request for help. It is a positive reply and concerns no message.',
    when: 'In answer to HELP or another status inquiry, typically when someone queries the server by hand or a monitoring script asks how it is doing; it does not appear in the delivery log of normal traffic.',
    fix: 'No action needed. If the status text it carries reports a problem, look into the server it describes.',
    causes: [],
    vi: {
      title: 'Trạng thái hệ thống',
      description:
        'Phản hồi mang tính thông tin: máy chủ cho biết tình trạng của chính nó hoặc trả lời một yêu cầu trợ giúp. Đây là phản hồi tích cực và không liên quan đến thư nào.',
      when: 'Khi trả lời lệnh HELP hoặc một yêu cầu hỏi trạng thái khác, thường là khi có người truy vấn máy chủ bằng tay hoặc một script giám sát hỏi tình trạng; mã này không xuất hiện trong nhật ký gửi thư thông thường.',
      fix: 'Không cần làm gì. Nếu nội dung trạng thái đi kèm báo có sự cố, hãy kiểm tra máy chủ được nói tới.',
    },
  },
  {
    code: 214,
    defined: 'RFC 5321',
    title: 'Help message',
    description:
      'Human-readable help from the server: how to use it, or what a command (often a non-standard one) does.',
    when: 'In reply to the HELP command, usually in a manual telnet or openssl s_client session; MTAs never send HELP while delivering mail.',
    fix: 'No action needed; the text is meant for a person to read.',
    causes: [],
    vi: {
      title: 'Thông báo trợ giúp',
      description:
        'Nội dung trợ giúp dành cho người đọc: cách dùng máy chủ, hoặc ý nghĩa của một lệnh (thường là lệnh không chuẩn).',
      when: 'Khi trả lời lệnh HELP, thường trong một phiên thử bằng tay qua telnet hoặc openssl s_client; MTA không bao giờ gửi HELP trong lúc chuyển thư.',
      fix: 'Không cần làm gì; nội dung này chỉ để người đọc tham khảo.',
    },
  },
  {
    code: 220,
    defined: 'RFC 5321',
    title: 'Service ready',
    description:
      "The server is ready to talk: the greeting sent when a connection opens, or, in reply to STARTTLS, 'ready to start TLS' (RFC 3207).",
    when: "The first line after the TCP connection opens (the banner with the server's host name), and the answer to STARTTLS just before the TLS handshake.",
    fix: 'No action needed. If the TLS handshake fails right after a 220 to STARTTLS, compare certificates, TLS versions and ciphers on both sides.',
    causes: [],
    vi: {
      title: 'Dịch vụ sẵn sàng',
      description:
        "Máy chủ sẵn sàng làm việc: đây là lời chào khi vừa mở kết nối, hoặc là câu trả lời 'sẵn sàng bắt đầu TLS' cho lệnh STARTTLS (RFC 3207).",
      when: 'Là dòng đầu tiên sau khi kết nối TCP được mở (banner kèm tên máy chủ), và là câu trả lời cho STARTTLS ngay trước khi bắt tay TLS.',
      fix: 'Không cần làm gì. Nếu bắt tay TLS thất bại ngay sau 220 cho STARTTLS, hãy đối chiếu chứng chỉ, phiên bản TLS và bộ mã hóa ở cả hai phía.',
    },
  },
  {
    code: 221,
    defined: 'RFC 5321',
    title: 'Closing connection',
    description: 'The server is closing the transmission channel in an orderly way.',
    when: "In reply to QUIT at the end of a session, after the last transaction; Postfix, for example, answers '221 2.0.0 Bye'.",
    fix: 'No action needed.',
    causes: [],
    vi: {
      title: 'Đóng kết nối',
      description: 'Máy chủ đóng kênh truyền một cách bình thường, có trật tự.',
      when: "Khi trả lời lệnh QUIT ở cuối phiên, sau giao dịch cuối cùng; ví dụ Postfix trả lời '221 2.0.0 Bye'.",
      fix: 'Không cần làm gì.',
    },
  },
  {
    code: 235,
    defined: 'RFC 4954 (SMTP AUTH)',
    title: 'Authentication succeeded',
    description:
      'The AUTH exchange has completed and the client is now authenticated (usually sent with 2.7.0).',
    when: "After the AUTH command (and any 334 challenges), when a mail client or a relay host logs in; the server logs the SASL user name, e.g. Postfix 'sasl_username='.",
    fix: 'No action needed. If this account was not expected to log in, check it for compromise: stolen SMTP credentials are a classic source of spam.',
    causes: [],
    vi: {
      title: 'Xác thực thành công',
      description:
        'Quá trình AUTH đã hoàn tất và máy khách đã được xác thực (thường kèm mã 2.7.0).',
      when: "Sau lệnh AUTH (và các thử thách 334 nếu có), khi một chương trình gửi thư hoặc relay host đăng nhập; máy chủ ghi tên người dùng SASL vào nhật ký, ví dụ Postfix 'sasl_username='.",
      fix: 'Không cần làm gì. Nếu tài khoản này lẽ ra không đăng nhập, hãy kiểm tra xem nó có bị lộ mật khẩu không: thông tin đăng nhập SMTP bị đánh cắp là nguồn phát tán spam rất phổ biến.',
    },
  },
  {
    code: 250,
    defined: 'RFC 5321',
    title: 'Requested action completed',
    description:
      "The command succeeded. After the final '.' of DATA (or the last BDAT chunk) it means the server has taken responsibility for delivering the message.",
    when: "In reply to EHLO/HELO, MAIL FROM, RCPT TO, RSET, NOOP and the end of data; delivery logs show 'status=sent (250 2.0.0 Ok: queued as ...)' with the remote queue id.",
    fix: "No action needed. If the recipient says the message never arrived, give their administrator the queue id from the 250 reply so they can trace it on their side.",
    causes: [],
    vi: {
      title: 'Thực hiện thành công',
      description:
        "Lệnh đã thành công. Sau dấu '.' kết thúc DATA (hoặc khối BDAT cuối cùng), mã này có nghĩa là máy chủ đã nhận trách nhiệm chuyển thư.",
      when: "Trả lời cho EHLO/HELO, MAIL FROM, RCPT TO, RSET, NOOP và khi kết thúc dữ liệu; nhật ký gửi thư ghi 'status=sent (250 2.0.0 Ok: queued as ...)' kèm mã hàng đợi của máy chủ nhận.",
      fix: 'Không cần làm gì. Nếu người nhận nói không nhận được thư, hãy gửi cho quản trị viên bên đó mã hàng đợi trong phản hồi 250 để họ tra cứu ở phía họ.',
    },
  },
  {
    code: 251,
    defined: 'RFC 5321',
    title: 'User not local; will forward',
    description:
      'The recipient has no mailbox on this server, but the server accepts it anyway and will pass the message on to the forwarding address it knows. It is a success: the server takes on the relaying.',
    when: 'At RCPT TO, when the mailbox lives on another host and the receiving server holds a forwarding address for it; the reply text usually names that address.',
    fix: 'No action needed: the message will be forwarded. To spare the extra hop, update the address book to the forwarding address given in the reply.',
    causes: [],
    vi: {
      title: 'Người dùng ở nơi khác, sẽ chuyển tiếp',
      description:
        'Người nhận không có hộp thư trên máy chủ này, nhưng máy chủ vẫn nhận và sẽ chuyển thư tới địa chỉ chuyển tiếp mà nó biết. Đây là phản hồi thành công: máy chủ đảm nhận việc chuyển tiếp.',
      when: 'Ở bước RCPT TO, khi hộp thư nằm ở máy khác và máy chủ nhận có sẵn địa chỉ chuyển tiếp cho nó; nội dung phản hồi thường ghi rõ địa chỉ đó.',
      fix: 'Không cần làm gì: thư sẽ được chuyển tiếp. Để bớt một chặng trung gian, hãy cập nhật sổ địa chỉ sang địa chỉ chuyển tiếp ghi trong phản hồi.',
    },
  },
  {
    code: 252,
    defined: 'RFC 5321',
    title: 'Cannot verify, will accept',
    description:
      'The server will not (or cannot) confirm whether the address exists, but it will accept mail for it and attempt delivery.',
    when: 'In reply to VRFY (sometimes EXPN) on servers that disable address verification to stop address harvesting; many servers answer every VRFY this way.',
    fix: 'No action needed. It says nothing about whether the mailbox exists; confirm addresses by other means.',
    causes: [],
    vi: {
      title: 'Không xác minh, vẫn nhận thư',
      description:
        'Máy chủ không (hoặc không thể) xác nhận địa chỉ có tồn tại hay không, nhưng vẫn nhận thư cho địa chỉ đó và sẽ cố gắng chuyển phát.',
      when: 'Khi trả lời VRFY (đôi khi EXPN) trên máy chủ đã tắt chức năng xác minh địa chỉ để chống thu thập địa chỉ; nhiều máy chủ trả lời mọi lệnh VRFY như vậy.',
      fix: 'Không cần làm gì. Mã này không cho biết hộp thư có tồn tại hay không; hãy xác nhận địa chỉ bằng cách khác.',
    },
  },
  {
    code: 253,
    defined: 'RFC 1985 (ETRN)',
    title: 'Pending messages started',
    description:
      'ETRN reply: the server has started delivering the given number of messages queued for the requested node or domain.',
    when: "In reply to ETRN from a site with an intermittent connection asking its provider to flush its queue, as '253 OK, <n> pending messages for node <x> started'. ETRN also reuses 250, 251 and 252 with meanings of its own.",
    fix: 'No action needed; the queued mail is on its way.',
    causes: [],
    vi: {
      title: 'Đã bắt đầu gửi thư chờ',
      description:
        'Phản hồi của ETRN: máy chủ đã bắt đầu chuyển số thư đang chờ trong hàng đợi cho node hoặc tên miền được yêu cầu.',
      when: "Khi trả lời lệnh ETRN từ một site kết nối không thường xuyên yêu cầu nhà cung cấp xả hàng đợi, dạng '253 OK, <n> pending messages for node <x> started'. ETRN cũng dùng lại 250, 251 và 252 với nghĩa riêng của nó.",
      fix: 'Không cần làm gì; thư trong hàng đợi đang được gửi đi.',
    },
  },
  {
    code: 334,
    defined: 'RFC 4954 (SMTP AUTH)',
    title: 'Authentication challenge',
    description:
      "An intermediate reply during AUTH: the server sends a base64-encoded challenge (possibly empty) and waits for the client's response.",
    when: "After AUTH <mechanism>, e.g. '334 VXNlcm5hbWU6' (base64 for 'Username:') with AUTH LOGIN; a session that stops after a 334 means the client never answered.",
    fix: "No action needed. If sessions end right after a 334, check the client's credentials settings and that it really supports the mechanism it chose.",
    causes: [],
    vi: {
      title: 'Thử thách xác thực',
      description:
        'Phản hồi trung gian trong quá trình AUTH: máy chủ gửi một chuỗi thử thách mã hóa base64 (có thể rỗng) và chờ máy khách trả lời.',
      when: "Sau lệnh AUTH <cơ chế>, ví dụ '334 VXNlcm5hbWU6' (base64 của 'Username:') với AUTH LOGIN; phiên dừng lại sau 334 nghĩa là máy khách không trả lời.",
      fix: 'Không cần làm gì. Nếu phiên kết thúc ngay sau 334, hãy kiểm tra cấu hình thông tin đăng nhập của máy khách và xem nó có thực sự hỗ trợ cơ chế đã chọn không.',
    },
  },
  {
    code: 354,
    defined: 'RFC 5321',
    title: 'Start mail input',
    description:
      "The server accepts the DATA command and is ready for the message headers and body, which end with a line holding only '.'.",
    when: "After DATA, once at least one recipient has been accepted. A failure that follows a 354 is reported against the end of data ('in reply to end of DATA command').",
    fix: 'No action needed. If sessions time out after 354, look for a middlebox (firewall SMTP inspection) or a network MTU problem interrupting the transfer of the body.',
    causes: [],
    vi: {
      title: 'Bắt đầu nhập nội dung thư',
      description:
        "Máy chủ chấp nhận lệnh DATA và sẵn sàng nhận phần header và nội dung thư, kết thúc bằng một dòng chỉ có dấu '.'.",
      when: "Sau lệnh DATA, khi đã có ít nhất một người nhận được chấp nhận. Lỗi xảy ra sau 354 được ghi là lỗi ở bước kết thúc dữ liệu ('in reply to end of DATA command').",
      fix: 'Không cần làm gì. Nếu phiên bị hết thời gian chờ sau 354, hãy tìm thiết bị trung gian (chức năng kiểm tra SMTP của tường lửa) hoặc lỗi MTU mạng làm gián đoạn việc truyền nội dung thư.',
    },
  },
  {
    code: 421,
    defined: 'RFC 5321',
    title: 'Service not available',
    description:
      'The server cannot serve the client now and closes the connection itself. The failure is temporary: whatever was not yet accepted must be retried later.',
    when: "In reply to any command or as the greeting: at shutdown or overload, when the client opens too many connections, or when a provider defers a sender for reputation reasons (e.g. '421 4.7.0 Try again later, closing connection'). Logs show the message as deferred.",
    fix: "Let the queue retry. If it persists, check whether the remote host is overloaded or down, lower the concurrency and rate toward that destination, and check the sending IP's reputation and blocklist status.",
    causes: ['recipient-server-down', 'throttled', 'recipient-antispam', 'other'],
    vi: {
      title: 'Dịch vụ không khả dụng',
      description:
        'Máy chủ hiện không phục vụ được máy khách và tự đóng kết nối. Đây là lỗi tạm thời: những gì chưa được nhận phải gửi lại sau.',
      when: "Có thể là câu trả lời cho bất kỳ lệnh nào hoặc ngay ở lời chào: khi máy chủ tắt hoặc quá tải, khi máy khách mở quá nhiều kết nối, hoặc khi nhà cung cấp tạm hoãn người gửi vì uy tín (ví dụ '421 4.7.0 Try again later, closing connection'). Nhật ký ghi thư là deferred.",
      fix: 'Để hàng đợi tự gửi lại. Nếu kéo dài, kiểm tra máy chủ đích có quá tải hay ngừng hoạt động không, giảm số kết nối đồng thời và tốc độ gửi tới đích đó, và kiểm tra uy tín cũng như tình trạng blocklist của IP gửi.',
    },
  },
  {
    code: 432,
    defined: 'RFC 4954 (SMTP AUTH)',
    title: 'Password transition needed',
    description:
      'The user must authenticate once with a plaintext mechanism (such as PLAIN, over TLS) so the server can convert the stored password into the form a newer mechanism needs (4.7.12).',
    when: 'In reply to AUTH with a challenge-response mechanism (CRAM-MD5, DIGEST-MD5, SCRAM...) on a server that is migrating how it stores passwords.',
    fix: 'Have the client authenticate once with PLAIN or LOGIN over a TLS-protected connection; afterwards it can go back to its usual mechanism.',
    causes: ['auth-required', 'other'],
    vi: {
      title: 'Cần chuyển đổi mật khẩu',
      description:
        'Người dùng phải xác thực một lần bằng cơ chế văn bản thuần (như PLAIN, qua TLS) để máy chủ chuyển mật khẩu đã lưu sang dạng mà cơ chế mới hơn cần (4.7.12).',
      when: 'Khi trả lời AUTH dùng cơ chế challenge-response (CRAM-MD5, DIGEST-MD5, SCRAM...) trên máy chủ đang thay đổi cách lưu mật khẩu.',
      fix: 'Cho máy khách xác thực một lần bằng PLAIN hoặc LOGIN qua kết nối có TLS; sau đó có thể quay lại cơ chế thường dùng.',
    },
  },
  {
    code: 450,
    defined: 'RFC 5321',
    title: 'Mailbox temporarily unavailable',
    description:
      'The command was not carried out because the mailbox cannot be used right now: busy, locked, or blocked for a while by policy. The condition is expected to clear, so the sender retries.',
    when: "Usually at RCPT TO: greylisting ('450 4.2.0 Greylisted, please try again'), temporary policy blocks, or a recipient or sender check that could not complete (Postfix '450 4.1.2 ... Domain not found' when a DNS lookup fails for now). Logs show status=deferred.",
    fix: "Let the queue retry; greylisting passes on a retry a few minutes later. If the same message stays deferred for hours, read the reply text: check DNS for the domain it names, or the sending IP's reputation.",
    causes: ['throttled', 'mailbox-disabled', 'recipient-antispam', 'dns-misconfigured', 'recipient-unknown'],
    vi: {
      title: 'Hộp thư tạm thời không dùng được',
      description:
        'Lệnh không được thực hiện vì hiện không dùng được hộp thư: đang bận, bị khóa, hoặc bị chính sách chặn tạm thời. Tình trạng này dự kiến sẽ hết nên bên gửi sẽ thử lại.',
      when: "Thường ở bước RCPT TO: greylisting ('450 4.2.0 Greylisted, please try again'), chặn tạm thời theo chính sách, hoặc việc kiểm tra người nhận hay người gửi chưa hoàn tất được (Postfix '450 4.1.2 ... Domain not found' khi tra cứu DNS tạm thời thất bại). Nhật ký ghi status=deferred.",
      fix: 'Để hàng đợi tự gửi lại; greylisting sẽ qua ở lần thử lại sau vài phút. Nếu cùng một thư bị hoãn nhiều giờ, hãy đọc nội dung phản hồi: kiểm tra DNS của tên miền được nêu, hoặc uy tín của IP gửi.',
    },
  },
  {
    code: 451,
    defined: 'RFC 5321',
    title: 'Local error in processing',
    description:
      'The server aborted the command because of a problem on its own side (a failed lookup, a backend or filter error, a lack of resources). The failure is temporary.',
    when: "At any stage from MAIL FROM to the end of data: '451 4.3.0 Temporary lookup failure', sender verification that could not be completed, a content filter or antivirus that is down, or greylisting implemented with 451. Logs show status=deferred.",
    fix: 'Let the queue retry. If your own server answers 451, its log names the failing lookup table, milter, content filter or DNS resolver; if a remote server keeps answering 451, contact its postmaster.',
    causes: ['recipient-server-down', 'throttled', 'dns-misconfigured', 'recipient-antispam', 'other'],
    vi: {
      title: 'Lỗi xử lý cục bộ',
      description:
        'Máy chủ hủy lệnh vì sự cố ở phía nó (tra cứu thất bại, lỗi backend hoặc bộ lọc, thiếu tài nguyên). Đây là lỗi tạm thời.',
      when: "Ở bất kỳ bước nào từ MAIL FROM đến khi kết thúc dữ liệu: '451 4.3.0 Temporary lookup failure', việc xác minh người gửi không hoàn tất được, bộ lọc nội dung hoặc phần mềm diệt virus ngừng chạy, hoặc greylisting dùng mã 451. Nhật ký ghi status=deferred.",
      fix: 'Để hàng đợi tự gửi lại. Nếu chính máy chủ của bạn trả 451, nhật ký của nó sẽ chỉ ra bảng tra cứu, milter, bộ lọc nội dung hoặc DNS resolver đang lỗi; nếu máy chủ bên ngoài cứ trả 451, hãy liên hệ postmaster của họ.',
    },
  },
  {
    code: 452,
    defined: 'RFC 5321',
    title: 'Insufficient system storage',
    description:
      "The action was not taken for lack of room: the server's storage is running out, the recipient's mailbox is over quota, or the limit of recipients per message is reached. The failure is temporary.",
    when: "At RCPT TO ('452 4.5.3 Too many recipients', '452 4.2.2 Mailbox full'), at MAIL FROM when the SIZE parameter is larger than the space free right now (RFC 1870), or when the server's queue disk is full ('452 4.3.1 Insufficient system storage').",
    fix: 'For too many recipients nothing is needed: the MTA sends the remaining recipients in another transaction (or lower the recipients per message). For a full mailbox or disk, the recipient or the remote administrator must free space; if it is your own server, check the queue disk.',
    causes: ['mailbox-disabled', 'throttled', 'recipient-server-down', 'message-too-large'],
    vi: {
      title: 'Không đủ dung lượng hệ thống',
      description:
        'Hành động không được thực hiện vì thiếu chỗ: bộ nhớ lưu trữ của máy chủ sắp hết, hộp thư người nhận vượt hạn mức, hoặc đã chạm giới hạn số người nhận trong một thư. Đây là lỗi tạm thời.',
      when: "Ở bước RCPT TO ('452 4.5.3 Too many recipients', '452 4.2.2 Mailbox full'), ở MAIL FROM khi tham số SIZE lớn hơn dung lượng đang trống (RFC 1870), hoặc khi ổ đĩa chứa hàng đợi của máy chủ đầy ('452 4.3.1 Insufficient system storage').",
      fix: 'Với lỗi quá nhiều người nhận thì không cần làm gì: MTA sẽ gửi các người nhận còn lại trong một giao dịch khác (hoặc giảm số người nhận mỗi thư). Với hộp thư hoặc ổ đĩa đầy, người nhận hoặc quản trị viên bên kia phải giải phóng dung lượng; nếu là máy chủ của bạn, hãy kiểm tra ổ đĩa chứa hàng đợi.',
    },
  },
  {
    code: 453,
    defined: 'RFC 2645 (ODMR/ATRN)',
    title: 'No mail waiting',
    description:
      'On-Demand Mail Relay reply: no mail is queued for the domains the client asked for with ATRN.',
    when: "In reply to ATRN, when a site that collects its mail on demand connects and its provider's queue for it is empty.",
    fix: 'No action needed; it is not a delivery failure. If mail is known to be waiting, check that the provider queues it for exactly the domain named in ATRN.',
    causes: ['other'],
    vi: {
      title: 'Không có thư chờ',
      description:
        'Phản hồi của ODMR (On-Demand Mail Relay): không có thư nào trong hàng đợi cho các tên miền mà máy khách yêu cầu bằng ATRN.',
      when: 'Khi trả lời lệnh ATRN, lúc một site nhận thư theo yêu cầu kết nối tới và hàng đợi dành cho nó ở nhà cung cấp đang trống.',
      fix: 'Không cần làm gì; đây không phải lỗi chuyển thư. Nếu chắc chắn đang có thư chờ, hãy kiểm tra nhà cung cấp có xếp thư vào hàng đợi đúng tên miền đã nêu trong ATRN không.',
    },
  },
  {
    code: 454,
    defined: 'RFC 3207 (STARTTLS), RFC 4954 (SMTP AUTH)',
    title: 'TLS or auth temporarily unavailable',
    description:
      'A temporary failure of a security step: TLS cannot be started right now (RFC 3207), or authentication failed for a temporary reason such as an unreachable authentication backend (RFC 4954, 4.7.0).',
    when: "In reply to STARTTLS ('454 4.7.0 TLS not available due to local problem') or to AUTH. A relay refusal softened to a temporary code (e.g. Postfix soft_bounce) also shows up as '454 4.7.1 Relay access denied'.",
    fix: "On the server answering 454, check the TLS certificate and key files and their permissions, or the SASL/authentication backend (Dovecot auth, LDAP...). If the text says relay access denied, treat it as a relay refusal: authenticate or send through the right relay.",
    causes: ['other', 'relay-denied', 'auth-required'],
    vi: {
      title: 'TLS hoặc xác thực tạm thời lỗi',
      description:
        'Lỗi tạm thời ở một bước bảo mật: hiện không khởi động được TLS (RFC 3207), hoặc xác thực thất bại vì lý do tạm thời, chẳng hạn không kết nối được tới backend xác thực (RFC 4954, 4.7.0).',
      when: "Khi trả lời STARTTLS ('454 4.7.0 TLS not available due to local problem') hoặc AUTH. Một lời từ chối relay bị hạ thành lỗi tạm thời (ví dụ soft_bounce của Postfix) cũng hiện ra dạng '454 4.7.1 Relay access denied'.",
      fix: 'Trên máy chủ trả 454, kiểm tra tệp chứng chỉ, khóa TLS và quyền truy cập của chúng, hoặc backend SASL/xác thực (Dovecot auth, LDAP...). Nếu nội dung là relay access denied, hãy xử lý như bị từ chối relay: xác thực hoặc gửi qua đúng relay.',
    },
  },
  {
    code: 455,
    defined: 'RFC 5321',
    title: 'Cannot accommodate parameters',
    description:
      'The server understood the MAIL FROM or RCPT TO parameters but cannot honour them at this time. The failure is temporary.',
    when: 'At MAIL FROM or RCPT TO carrying ESMTP parameters (SIZE, BODY, NOTIFY, REQUIRETLS...) that the server could accept later but not now.',
    fix: "Let the queue retry; if it persists, find in the session transcript which parameter triggers it and check the remote side's limits.",
    causes: ['other'],
    vi: {
      title: 'Không đáp ứng được tham số',
      description:
        'Máy chủ hiểu các tham số của MAIL FROM hoặc RCPT TO nhưng lúc này không đáp ứng được. Đây là lỗi tạm thời.',
      when: 'Ở MAIL FROM hoặc RCPT TO có kèm tham số ESMTP (SIZE, BODY, NOTIFY, REQUIRETLS...) mà máy chủ có thể nhận sau này nhưng chưa phải lúc này.',
      fix: 'Để hàng đợi tự gửi lại; nếu kéo dài, tìm trong bản ghi phiên xem tham số nào gây lỗi và kiểm tra giới hạn của phía bên kia.',
    },
  },
  {
    code: 458,
    defined: 'RFC 1985 (ETRN)',
    title: 'Unable to queue for node',
    description:
      'ETRN reply: the server cannot start delivering the queue for the requested node or domain at the moment.',
    when: 'In reply to ETRN, for example when the queue runner is busy or the queue cannot be processed right now.',
    fix: 'Send ETRN again later; if it keeps failing, ask the provider to check their queue for your domain.',
    causes: ['other'],
    vi: {
      title: 'Không xử lý được hàng đợi',
      description:
        'Phản hồi của ETRN: máy chủ hiện không thể bắt đầu chuyển hàng đợi cho node hoặc tên miền được yêu cầu.',
      when: 'Khi trả lời ETRN, chẳng hạn lúc trình xử lý hàng đợi đang bận hoặc hàng đợi tạm thời không xử lý được.',
      fix: 'Gửi lại ETRN sau; nếu vẫn lỗi, nhờ nhà cung cấp kiểm tra hàng đợi dành cho tên miền của bạn.',
    },
  },
  {
    code: 459,
    defined: 'RFC 1985 (ETRN)',
    title: 'Node not allowed',
    description:
      'ETRN reply: the server refuses to run the queue for the requested node or domain, and gives the reason in the reply.',
    when: 'In reply to ETRN for a domain the server holds no mail for, or that the requesting host is not authorised to flush.',
    fix: 'Check the domain given to ETRN and ask the provider to authorise your host for it.',
    causes: ['other'],
    vi: {
      title: 'Node không được phép',
      description:
        'Phản hồi của ETRN: máy chủ từ chối chạy hàng đợi cho node hoặc tên miền được yêu cầu, lý do được ghi trong phản hồi.',
      when: 'Khi trả lời ETRN cho một tên miền mà máy chủ không giữ thư, hoặc máy yêu cầu không được phép xả hàng đợi đó.',
      fix: 'Kiểm tra tên miền ghi trong lệnh ETRN và đề nghị nhà cung cấp cấp quyền cho máy của bạn với tên miền đó.',
    },
  },
  {
    code: 500,
    defined: 'RFC 5321',
    title: 'Command unrecognized',
    description:
      'Syntax error: the server did not recognise the command, or the line was too long (RFC 4954 also uses 500 5.5.6 for an over-long AUTH line).',
    when: "Any command. Typical causes are a client speaking something other than SMTP, a firewall 'SMTP inspection/fixup' mangling commands (e.g. EHLO rewritten to XXXX), or misused pipelining.",
    fix: 'Capture the session (swaks, or a packet capture) to see what was really sent, and disable SMTP inspection on firewalls in the path.',
    causes: ['other'],
    vi: {
      title: 'Lệnh không nhận ra',
      description:
        'Lỗi cú pháp: máy chủ không nhận ra lệnh, hoặc dòng lệnh quá dài (RFC 4954 cũng dùng 500 5.5.6 cho dòng AUTH quá dài).',
      when: "Với bất kỳ lệnh nào. Nguyên nhân thường gặp là máy khách gửi thứ không phải SMTP, tường lửa có chức năng 'SMTP inspection/fixup' làm hỏng lệnh (ví dụ EHLO bị đổi thành XXXX), hoặc dùng pipelining sai.",
      fix: 'Ghi lại phiên làm việc (bằng swaks hoặc bắt gói tin) để xem thực sự đã gửi gì, và tắt chức năng kiểm tra SMTP trên các tường lửa nằm trên đường đi.',
    },
  },
  {
    code: 501,
    defined: 'RFC 5321',
    title: 'Syntax error in arguments',
    description: 'The command was recognised but its parameters or arguments are malformed.',
    when: "Typically at HELO/EHLO with an invalid host name, at MAIL FROM or RCPT TO with a badly formed address ('501 5.1.3 Bad recipient address syntax'), STARTTLS given arguments, or an AUTH exchange the client cancelled or answered with bad base64.",
    fix: 'Fix the argument the reply points at: a valid fully-qualified HELO name, addresses in <local@domain> form, a correct AUTH setup on the client.',
    causes: ['other', 'recipient-unknown'],
    vi: {
      title: 'Lỗi cú pháp tham số',
      description: 'Lệnh được nhận ra nhưng tham số hoặc đối số của nó sai định dạng.',
      when: "Thường ở HELO/EHLO với tên máy không hợp lệ, ở MAIL FROM hoặc RCPT TO với địa chỉ sai dạng ('501 5.1.3 Bad recipient address syntax'), STARTTLS có kèm đối số, hoặc phiên AUTH bị máy khách hủy hay trả lời bằng base64 sai.",
      fix: 'Sửa đúng đối số mà phản hồi chỉ ra: tên HELO đầy đủ (FQDN) hợp lệ, địa chỉ dạng <local@domain>, cấu hình AUTH đúng trên máy khách.',
    },
  },
  {
    code: 502,
    defined: 'RFC 5321',
    title: 'Command not implemented',
    description: 'The server recognises the command but does not implement it, or has it turned off.',
    when: 'Commands such as VRFY, EXPN, TURN, ETRN or AUTH sent to a server that does not offer them; for AUTH it usually means authentication is not offered on this port or not before STARTTLS.',
    fix: 'Use only what the server advertises in its EHLO reply; for AUTH, connect to the submission port (587 or 465) and start TLS first.',
    causes: ['other'],
    vi: {
      title: 'Lệnh không được hỗ trợ',
      description: 'Máy chủ nhận ra lệnh nhưng không hỗ trợ, hoặc đã tắt lệnh đó.',
      when: 'Với các lệnh như VRFY, EXPN, TURN, ETRN hoặc AUTH gửi tới máy chủ không cung cấp chúng; với AUTH, thường là do cổng này không cho xác thực, hoặc chỉ cho sau khi có STARTTLS.',
      fix: 'Chỉ dùng những gì máy chủ liệt kê trong phản hồi EHLO; với AUTH, hãy kết nối vào cổng submission (587 hoặc 465) và bật TLS trước.',
    },
  },
  {
    code: 503,
    defined: 'RFC 5321',
    title: 'Bad sequence of commands',
    description:
      'The command came in the wrong order for the state of the session: RCPT TO before MAIL FROM, DATA with no accepted recipient, AUTH when already authenticated, and so on.',
    when: "Often right after an earlier rejection: when every RCPT TO was refused, DATA gets '503 5.5.1 No valid recipients' and the real cause is in the previous reply. Some servers also use 503 to say authentication is required before relaying.",
    fix: 'Look at the reply before the 503 in the transcript, which usually holds the real reason; make sure the client sends EHLO first and authenticates if the text asks for it.',
    causes: ['other', 'auth-required'],
    vi: {
      title: 'Sai thứ tự lệnh',
      description:
        'Lệnh được gửi sai thứ tự so với trạng thái của phiên: RCPT TO trước MAIL FROM, DATA khi chưa có người nhận nào được chấp nhận, AUTH khi đã xác thực rồi, v.v.',
      when: "Thường ngay sau một lần bị từ chối trước đó: khi mọi RCPT TO đều bị từ chối, DATA nhận '503 5.5.1 No valid recipients' và nguyên nhân thật nằm ở phản hồi trước. Một số máy chủ cũng dùng 503 để báo cần xác thực trước khi relay.",
      fix: 'Xem phản hồi ngay trước 503 trong bản ghi phiên, thường đó mới là lý do thật; đảm bảo máy khách gửi EHLO trước và xác thực nếu nội dung phản hồi yêu cầu.',
    },
  },
  {
    code: 504,
    defined: 'RFC 5321',
    title: 'Parameter not implemented',
    description:
      'A parameter of the command is recognised but not implemented, for example an AUTH mechanism the server does not support (504 5.5.4 in RFC 4954).',
    when: 'Typically at AUTH <mechanism> when the client insists on a mechanism the server does not offer, or at HELO/EHLO/MAIL with an argument the server does not handle.',
    fix: "Configure the client to use a mechanism listed on the AUTH line of the server's EHLO reply (normally PLAIN or LOGIN over TLS).",
    causes: ['other', 'auth-required'],
    vi: {
      title: 'Tham số không được hỗ trợ',
      description:
        'Một tham số của lệnh được nhận ra nhưng không được hỗ trợ, ví dụ cơ chế AUTH mà máy chủ không có (504 5.5.4 trong RFC 4954).',
      when: 'Thường ở AUTH <cơ chế> khi máy khách cứ dùng cơ chế mà máy chủ không cung cấp, hoặc ở HELO/EHLO/MAIL với đối số máy chủ không xử lý được.',
      fix: 'Cấu hình máy khách dùng một cơ chế có trong dòng AUTH của phản hồi EHLO (thường là PLAIN hoặc LOGIN qua TLS).',
    },
  },
  {
    code: 521,
    defined: 'RFC 7504',
    title: 'Host does not accept mail',
    description:
      'This host never accepts mail. The failure is permanent and the client should not retry this host.',
    when: 'As the greeting instead of 220, or in reply to a command, from machines that are not mail servers (e.g. a web server an MX or A record points to by mistake); some providers also use it for senders they block.',
    fix: "Check the recipient domain's MX records: if they point at a host that takes no mail, the domain owner must fix DNS. If the text speaks of a block, handle it like a reputation or blocklist rejection.",
    causes: ['dns-misconfigured', 'recipient-antispam'],
    vi: {
      title: 'Máy chủ không nhận thư',
      description:
        'Máy này không bao giờ nhận thư. Đây là lỗi vĩnh viễn và máy khách không nên thử lại với máy này.',
      when: 'Là lời chào thay cho 220, hoặc câu trả lời cho một lệnh, từ những máy không phải máy chủ thư (ví dụ máy chủ web mà bản ghi MX hoặc A trỏ nhầm tới); một số nhà cung cấp cũng dùng mã này cho người gửi bị họ chặn.',
      fix: 'Kiểm tra bản ghi MX của tên miền người nhận: nếu chúng trỏ tới máy không nhận thư, chủ tên miền phải sửa DNS. Nếu nội dung nhắc tới việc bị chặn, hãy xử lý như bị từ chối vì uy tín hoặc blocklist.',
    },
  },
  {
    code: 523,
    defined: 'RFC 5248 (enhanced status code registry, X.7.10)',
    title: 'Encryption needed',
    description:
      'The requested authentication mechanism can only be used inside an encrypted (TLS) session; it goes with the enhanced code X.7.10.',
    when: "In reply to AUTH with a plaintext mechanism (PLAIN, LOGIN) on a connection without TLS; Dovecot's submission service, for one, answers '523 5.7.10' in this case.",
    fix: 'Configure the client to use STARTTLS (port 587) or implicit TLS (port 465) before it authenticates, or a stronger mechanism.',
    causes: ['other', 'auth-required'],
    vi: {
      title: 'Cần mã hóa',
      description:
        'Cơ chế xác thực được yêu cầu chỉ dùng được trong phiên có mã hóa (TLS); mã này đi cùng mã mở rộng X.7.10.',
      when: "Khi trả lời AUTH với cơ chế văn bản thuần (PLAIN, LOGIN) trên kết nối chưa có TLS; ví dụ dịch vụ submission của Dovecot trả '523 5.7.10' trong trường hợp này.",
      fix: 'Cấu hình máy khách dùng STARTTLS (cổng 587) hoặc TLS ngay từ đầu (cổng 465) trước khi xác thực, hoặc dùng cơ chế mạnh hơn.',
    },
  },
  {
    code: 530,
    defined: 'RFC 4954 (SMTP AUTH), RFC 3207 (STARTTLS)',
    title: 'Authentication or TLS required',
    description:
      "Access is refused until the client does something first: authenticate (RFC 4954, 5.7.0 'Authentication required') or start TLS (RFC 3207, 'Must issue a STARTTLS command first').",
    when: 'At MAIL FROM or RCPT TO (sometimes at any command) when a client submits or relays mail without having logged in, or on a server that requires TLS before anything else.',
    fix: 'Configure the sending client or relay host (e.g. Postfix relayhost with smtp_sasl_auth_enable and TLS) to use STARTTLS and SMTP AUTH with valid credentials.',
    causes: ['auth-required', 'other'],
    vi: {
      title: 'Yêu cầu xác thực hoặc TLS',
      description:
        "Máy chủ từ chối cho tới khi máy khách làm một việc trước: xác thực (RFC 4954, 5.7.0 'Authentication required') hoặc bật TLS (RFC 3207, 'Must issue a STARTTLS command first').",
      when: 'Ở MAIL FROM hoặc RCPT TO (đôi khi ở mọi lệnh) khi máy khách gửi hoặc relay thư mà chưa đăng nhập, hoặc trên máy chủ bắt buộc có TLS trước mọi thứ khác.',
      fix: 'Cấu hình chương trình gửi hoặc relay host (ví dụ relayhost của Postfix với smtp_sasl_auth_enable và TLS) dùng STARTTLS và SMTP AUTH với thông tin đăng nhập hợp lệ.',
    },
  },
  {
    code: 534,
    defined: 'RFC 4954 (SMTP AUTH)',
    title: 'Authentication mechanism too weak',
    description:
      'The server refuses the chosen authentication mechanism as weaker than its policy allows for this user (5.7.9).',
    when: 'In reply to AUTH, e.g. on a server that requires a challenge-response or token-based login; large providers also answer 534 5.7.9 or 5.7.14 when they want an app password or a browser sign-in instead of the plain password.',
    fix: 'Switch the client to a mechanism the server accepts (or the app password or OAuth login the provider asks for) and retry.',
    causes: ['auth-required', 'other'],
    vi: {
      title: 'Cơ chế xác thực quá yếu',
      description:
        'Máy chủ từ chối cơ chế xác thực đã chọn vì yếu hơn mức chính sách cho phép với người dùng này (5.7.9).',
      when: 'Khi trả lời AUTH, ví dụ trên máy chủ đòi đăng nhập kiểu challenge-response hoặc dùng token; các nhà cung cấp lớn cũng trả 534 5.7.9 hoặc 5.7.14 khi muốn dùng mật khẩu ứng dụng hoặc đăng nhập qua trình duyệt thay cho mật khẩu thường.',
      fix: 'Chuyển máy khách sang cơ chế mà máy chủ chấp nhận (hoặc mật khẩu ứng dụng, đăng nhập OAuth mà nhà cung cấp yêu cầu) rồi thử lại.',
    },
  },
  {
    code: 535,
    defined: 'RFC 4954 (SMTP AUTH)',
    title: 'Authentication credentials invalid',
    description:
      'Authentication failed: the user name and password (or other credential) were not accepted (5.7.8).',
    when: "In reply to AUTH; logs show '535 5.7.8 Error: authentication failed' or 'Authentication credentials invalid'. A burst of 535s from many IP addresses is a password-guessing attack.",
    fix: 'Correct the credentials in the client or relay configuration (including the user name format, e.g. the full address); if the 535s come from unknown IPs, rate-limit or block them (fail2ban).',
    causes: ['auth-required', 'other'],
    vi: {
      title: 'Thông tin xác thực không hợp lệ',
      description:
        'Xác thực thất bại: tên người dùng và mật khẩu (hay thông tin xác thực khác) không được chấp nhận (5.7.8).',
      when: "Khi trả lời AUTH; nhật ký ghi '535 5.7.8 Error: authentication failed' hoặc 'Authentication credentials invalid'. Hàng loạt lỗi 535 từ nhiều địa chỉ IP là dấu hiệu bị tấn công dò mật khẩu.",
      fix: 'Sửa thông tin đăng nhập trong cấu hình máy khách hoặc relay (kể cả định dạng tên người dùng, ví dụ phải là địa chỉ đầy đủ); nếu các lỗi 535 đến từ IP lạ, hãy giới hạn tốc độ hoặc chặn chúng (fail2ban).',
    },
  },
  {
    code: 538,
    defined: 'RFC 4954 (SMTP AUTH)',
    title: 'Encryption required for mechanism',
    description:
      'The chosen authentication mechanism may only be used over an encrypted connection (5.7.11).',
    when: 'In reply to AUTH PLAIN or LOGIN sent before STARTTLS, on a server that allows those mechanisms only under TLS.',
    fix: 'Enable STARTTLS (or implicit TLS on port 465) in the client so that it encrypts the connection before authenticating.',
    causes: ['other', 'auth-required'],
    vi: {
      title: 'Cơ chế này cần mã hóa',
      description:
        'Cơ chế xác thực đã chọn chỉ được dùng trên kết nối có mã hóa (5.7.11).',
      when: 'Khi trả lời AUTH PLAIN hoặc LOGIN gửi trước STARTTLS, trên máy chủ chỉ cho phép các cơ chế này khi đã có TLS.',
      fix: 'Bật STARTTLS (hoặc TLS ngay từ đầu trên cổng 465) ở máy khách để mã hóa kết nối trước khi xác thực.',
    },
  },
  {
    code: 550,
    defined: 'RFC 5321',
    title: 'Mailbox unavailable',
    description:
      'A permanent refusal: the server did not carry out the command because the mailbox cannot be used. Most often the address does not exist there, or a policy (anti-spam, relaying, authentication) refuses the sender, the recipient or the message.',
    when: "Mostly at RCPT TO, also at MAIL FROM or after the end of DATA (content filters); the text says which case it is, e.g. '550 5.1.1 User unknown', '550 5.7.1 Relaying denied', '550 Sender verify failed', or a blocklist, SPF or DMARC message. Logs show status=bounced.",
    fix: 'Read the text and the enhanced code: for 5.1.1-style replies, confirm the address with the recipient; for policy refusals, check blocklists, SPF/DKIM/DMARC, and relaying and authentication settings. Do not resend the same message unchanged.',
    causes: [...DOCUMENTED_550_CAUSES],
    vi: {
      title: 'Hộp thư không khả dụng',
      description:
        'Từ chối vĩnh viễn: máy chủ không thực hiện lệnh vì không dùng được hộp thư. Thường là địa chỉ không tồn tại ở đó, hoặc một chính sách (chống spam, relay, xác thực) từ chối người gửi, người nhận hay nội dung thư.',
      when: "Chủ yếu ở RCPT TO, cũng có thể ở MAIL FROM hoặc sau khi kết thúc DATA (bộ lọc nội dung); nội dung phản hồi cho biết là trường hợp nào, ví dụ '550 5.1.1 User unknown', '550 5.7.1 Relaying denied', '550 Sender verify failed', hoặc thông báo về blocklist, SPF, DMARC. Nhật ký ghi status=bounced.",
      fix: 'Đọc nội dung và mã mở rộng: với dạng 5.1.1, xác nhận lại địa chỉ với người nhận; với từ chối theo chính sách, kiểm tra blocklist, SPF/DKIM/DMARC, cấu hình relay và xác thực. Đừng gửi lại nguyên thư đó mà không thay đổi gì.',
    },
  },
  {
    code: 551,
    defined: 'RFC 5321',
    title: 'User not local; try elsewhere',
    description:
      'The recipient is not hosted here and the server will not forward the message; the reply usually names the address to use instead. The failure is permanent.',
    when: "At RCPT TO, when an organisation has moved its users or renamed its domain and answers '551 User not local; please try <new address>'; some servers also use 551 to refuse relaying.",
    fix: 'Update the address to the one given in the reply and resend; if no address is given and the text is about relaying, send through a server that is allowed to relay for you.',
    causes: ['address-changed', 'relay-denied'],
    vi: {
      title: 'Không có ở đây, hãy thử địa chỉ khác',
      description:
        'Người nhận không có hộp thư ở đây và máy chủ sẽ không chuyển tiếp thư; phản hồi thường nêu địa chỉ cần dùng thay thế. Đây là lỗi vĩnh viễn.',
      when: "Ở bước RCPT TO, khi một tổ chức đã chuyển người dùng đi nơi khác hoặc đổi tên miền và trả lời '551 User not local; please try <địa chỉ mới>'; một số máy chủ cũng dùng 551 để từ chối relay.",
      fix: 'Cập nhật sang địa chỉ ghi trong phản hồi rồi gửi lại; nếu không có địa chỉ nào và nội dung nói về relay, hãy gửi qua một máy chủ được phép relay cho bạn.',
    },
  },
  {
    code: 552,
    defined: 'RFC 5321',
    title: 'Storage allocation exceeded',
    description:
      "The action was aborted because a storage limit was exceeded: the recipient's mailbox quota, or the server's fixed maximum message size (RFC 1870). The failure is permanent.",
    when: "At RCPT TO or the end of DATA ('552 5.2.2 Mailbox full', '552 5.3.4 Message size exceeds fixed limit'), or at MAIL FROM when the SIZE parameter exceeds the limit. Old servers still send 552 for too many recipients, which RFC 5321 says to treat as temporary, like 452.",
    fix: 'For a full mailbox, tell the recipient by other means; for a size limit, send the file another way (a link, compression) or agree on a higher limit. For too many recipients, split the recipient list.',
    causes: ['mailbox-disabled', 'message-too-large', 'throttled'],
    vi: {
      title: 'Vượt quá dung lượng cho phép',
      description:
        'Hành động bị hủy vì vượt một giới hạn lưu trữ: hạn mức hộp thư của người nhận, hoặc kích thước thư tối đa cố định của máy chủ (RFC 1870). Đây là lỗi vĩnh viễn.',
      when: "Ở RCPT TO hoặc khi kết thúc DATA ('552 5.2.2 Mailbox full', '552 5.3.4 Message size exceeds fixed limit'), hoặc ở MAIL FROM khi tham số SIZE vượt giới hạn. Máy chủ cũ vẫn trả 552 cho lỗi quá nhiều người nhận, lỗi mà RFC 5321 yêu cầu coi là tạm thời như 452.",
      fix: 'Nếu hộp thư đầy, hãy báo cho người nhận bằng kênh khác; nếu vượt giới hạn kích thước, gửi tệp theo cách khác (đường dẫn tải về, nén) hoặc thỏa thuận nâng giới hạn. Với lỗi quá nhiều người nhận, hãy chia nhỏ danh sách người nhận.',
    },
  },
  {
    code: 553,
    defined: 'RFC 5321',
    title: 'Mailbox name not allowed',
    description:
      'The action was not taken because the address is not acceptable: badly formed, or not allowed for this sender or on this server. The failure is permanent.',
    when: "At MAIL FROM or RCPT TO: qmail's \"553 sorry, that domain isn't in my list of allowed rcpthosts\" (a relay refusal), '553 5.7.1 Sender address rejected: not owned by user', '553 5.1.3' for bad address syntax; also SMTPUTF8 refusals of non-ASCII addresses (553 5.6.7, RFC 6531).",
    fix: 'Work out which address the reply refers to: send through a relay you are authorised on, use a sender address your account may use, or correct the address syntax.',
    causes: ['relay-denied', 'sender-not-permitted', 'recipient-unknown', 'recipient-antispam', 'other'],
    vi: {
      title: 'Tên hộp thư không được chấp nhận',
      description:
        'Hành động không được thực hiện vì địa chỉ không chấp nhận được: sai định dạng, hoặc không được phép với người gửi này hay trên máy chủ này. Đây là lỗi vĩnh viễn.',
      when: "Ở MAIL FROM hoặc RCPT TO: qmail trả \"553 sorry, that domain isn't in my list of allowed rcpthosts\" (từ chối relay), '553 5.7.1 Sender address rejected: not owned by user', '553 5.1.3' khi địa chỉ sai cú pháp; cũng gặp khi SMTPUTF8 từ chối địa chỉ không phải ASCII (553 5.6.7, RFC 6531).",
      fix: 'Xác định phản hồi nói về địa chỉ nào: gửi qua relay mà bạn được phép dùng, dùng địa chỉ người gửi mà tài khoản được phép, hoặc sửa cú pháp địa chỉ.',
    },
  },
  {
    code: 554,
    defined: 'RFC 5321',
    title: 'Transaction failed',
    description:
      "A permanent failure for which no more specific code applies; sent as the greeting, it means 'no SMTP service here' for this client.",
    when: "At connection time (client IP on a blocklist: '554 5.7.1 Service unavailable; Client host blocked'), at RCPT TO (Postfix '554 5.7.1 Relay access denied'), or after the end of DATA (message rejected as spam or virus, or as too big).",
    fix: "Read the text: for blocklist and spam rejections, check the IP's listings and SPF/DKIM/DMARC and request delisting; for relay refusals, authenticate or use the right relay; for content rejections, find out what the filter objected to.",
    causes: [
      'recipient-antispam',
      'relay-denied',
      'recipient-unknown',
      'mailbox-disabled',
      'outbound-filter',
      'message-too-large',
      'other',
    ],
    vi: {
      title: 'Giao dịch thất bại',
      description:
        "Lỗi vĩnh viễn không có mã nào cụ thể hơn; nếu xuất hiện ở lời chào, nó có nghĩa là 'không có dịch vụ SMTP ở đây' đối với máy khách này.",
      when: "Khi vừa kết nối (IP máy khách nằm trong blocklist: '554 5.7.1 Service unavailable; Client host blocked'), ở RCPT TO (Postfix '554 5.7.1 Relay access denied'), hoặc sau khi kết thúc DATA (thư bị từ chối vì spam, virus hoặc quá lớn).",
      fix: 'Đọc nội dung: với blocklist và spam, kiểm tra IP có bị liệt kê không, kiểm tra SPF/DKIM/DMARC và yêu cầu gỡ khỏi danh sách; với từ chối relay, xác thực hoặc dùng đúng relay; với từ chối nội dung, tìm xem bộ lọc phản đối điều gì.',
    },
  },
  {
    code: 555,
    defined: 'RFC 5321',
    title: 'Parameters not recognized',
    description:
      'The MAIL FROM or RCPT TO parameters are not recognized or not implemented by this server. The failure is permanent.',
    when: 'When the client sends an ESMTP parameter (SIZE, BODY=8BITMIME, SMTPUTF8, NOTIFY, REQUIRETLS...) that the server did not advertise in its EHLO reply, often because a middlebox stripped that reply.',
    fix: "Make sure the client only uses extensions listed in the server's EHLO reply, and look for firewalls rewriting the SMTP dialogue.",
    causes: ['other'],
    vi: {
      title: 'Tham số không được nhận ra',
      description:
        'Các tham số của MAIL FROM hoặc RCPT TO không được máy chủ này nhận ra hoặc không được hỗ trợ. Đây là lỗi vĩnh viễn.',
      when: 'Khi máy khách gửi một tham số ESMTP (SIZE, BODY=8BITMIME, SMTPUTF8, NOTIFY, REQUIRETLS...) mà máy chủ không quảng bá trong phản hồi EHLO, thường do một thiết bị trung gian đã cắt bớt phản hồi đó.',
      fix: 'Đảm bảo máy khách chỉ dùng các phần mở rộng có trong phản hồi EHLO của máy chủ, và tìm xem có tường lửa nào đang viết lại hội thoại SMTP không.',
    },
  },
  {
    code: 556,
    defined: 'RFC 7504',
    title: 'Domain does not accept mail',
    description:
      "The recipient's domain accepts no mail at all, typically because it publishes a null MX ('MX 0 .', RFC 7505). The failure is permanent.",
    when: "Usually produced by a relay or by your own MTA for a recipient, at RCPT TO or in a bounce: '556 5.1.10 Recipient address has null MX'.",
    fix: "The address cannot receive mail: confirm it with the recipient. If the domain should receive mail, its owner must replace the null MX with real MX records.",
    causes: ['dns-misconfigured', 'recipient-unknown'],
    vi: {
      title: 'Tên miền không nhận thư',
      description:
        "Tên miền của người nhận hoàn toàn không nhận thư, thường vì nó công bố null MX ('MX 0 .', RFC 7505). Đây là lỗi vĩnh viễn.",
      when: "Thường do relay hoặc chính MTA của bạn tạo ra cho một người nhận, ở RCPT TO hoặc trong thư báo lỗi: '556 5.1.10 Recipient address has null MX'.",
      fix: 'Địa chỉ này không thể nhận thư: hãy xác nhận lại với người nhận. Nếu tên miền lẽ ra phải nhận thư, chủ tên miền cần thay null MX bằng bản ghi MX thật.',
    },
  },
];
