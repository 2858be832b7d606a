// The classification rules: one ordered table of data. The first rule whose
// every condition holds decides the cause. Conditions see the masked text
// (addresses read ADDR, IPs IP, other numbers #; reply and enhanced status
// codes are kept), the reply code, the enhanced status code, the SMTP stage
// and whether the reply was transient (4xx).
//
// Precedence, top to bottom, and why:
//   1. Words that name a situation beat every code. Within them, the more
//      specific comes first:
//      - a moved, suspended or inactive mailbox before "unknown" (5.1.1 with
//        "has moved, please try <new>" is a changed address);
//      - what the message *is* (malformed, needs TLS, too big) before the
//        spam words a provider adds to its explanation;
//      - the message's authentication (SPF, DKIM, DMARC) before our client's
//        SMTP AUTH, as both say "authenticate"; then the sender side
//        (authentication, the account's sender addresses, external
//        recipients, relaying, an invalid sender address) before the
//        recipient side;
//      - DNS faults before the SPF/DKIM checks they make fail, and those
//        before rate limits ("rate limited because SPF did not pass"); but an
//        unusual rate of mail "from your DKIM domain" names whose mail it is,
//        not a failed check, and decides before them;
//      - rate limits and greylisting before blocklists ("IP frequency
//        limited ... Blocked IP" is a rate limit);
//      - a receiving filter's own failure (its scanner, DKIM filter or policy
//        backend timing out) before the verdict words it names ("virus
//        scanner error" is a fault there, not a virus), and failed DNS lookups
//        before the reverse DNS and HELO policies that use their answers;
//      - refusals of the sender or the message before a server being down;
//      - unknown-recipient words last among the texts: they are the most
//        often quoted inside other explanations ("Recipient address rejected"
//        wraps moved, restricted and SPF-failed recipients too);
//      - our own store's and delivery commands' faults after them: their
//        words ("user unknown") decide first when they say more.
//   2. Enhanced status codes whose meaning is unambiguous (5.1.1, 5.2.2, ...).
//   3. Bare reply codes that mean one thing (421, 530, 500-504).
// 5.7.1 and 550 alone say little: without words that say more, such a reply
// stays unclassified rather than be guessed.
//
// Every rule says which servers send its wording (`seen`); the labelled
// corpus in test/corpus has at least one example of each.

import type { SmtpStage } from '../../parsers/events.js';
import type { CauseId } from './causes.js';

/** What a rule needs of a pattern: whether it occurs in a text. */
export interface TextPattern {
  test(text: string): boolean;
}

export interface Rule {
  id: string;
  cause: CauseId;
  /** Who sends this wording (servers, products, MTAs). */
  seen: string;
  /** Matched against the masked diagnostic: a RegExp for the built-in rules, RE2 for site rules. */
  text?: TextPattern;
  /** Matched against the enhanced status code, e.g. `5.1.1`. */
  status?: RegExp;
  /** Matched against the reply code as text, e.g. `550`. */
  code?: RegExp;
  /** Only transient (4xx, true) or only permanent (5xx, false) replies. */
  temporary?: boolean;
  /** Only refusals at this SMTP stage (as the log or the text states it). */
  stage?: SmtpStage;
}

export const RULES: readonly Rule[] = [
  // --- 1. Texts --------------------------------------------------------------
  // The mailbox's state, where the words say it
  {
    id: 'outbound-appliance-spam',
    cause: 'outbound-filter',
    seen: 'Cyberoam, Sophos UTM and similar appliances scanning mail as it leaves the site; maddy refusing to deliver a message its own filters quarantined',
    text: /Cyberoam|Anti.?Spam Engine has identified|refusing to deliver (?:a )?quarantined|outbound (?:spam|policy|filter)|outgoing (?:mail|message) (?:was )?(?:blocked|rejected)/i,
  },
  {
    // A delivery command killed at its time limit: what its output said before it was killed is not
    // why the delivery failed, so this decides before the words of that output.
    id: 'local-command-timeout',
    cause: 'other',
    seen: 'Postfix local and pipe ("Command time limit exceeded: <command>. Command output: ...", procmail and maildrop hanging on a lock)',
    text: /^command time limit exceeded\b/i,
  },
  {
    id: 'address-moved',
    cause: 'address-changed',
    seen: 'RFC 5321 551 replies, Sendmail "User has moved", Postfix relocated_maps ("User has moved to <new>"), Domino forwarding notices, localised Exchange NDRs, Exim\'s documented ":fail: Gone away, no forwarding address" alias',
    text: /user not local;? please try|(?:has )?moved;? please try|\b(?:user|mailbox) (?:has )?moved\b|please (?:use|try|send to) (?:the )?(?:new )?address|mailbox has moved|address (?:has )?changed|has changed (?:his|her|their) (?:e-?mail )?address|no longer (?:uses|at) this address|new address is|adresse .{0,30}a changé|no forwarding address|old address no longer valid/i,
  },
  {
    id: 'mailbox-suspended',
    cause: 'mailbox-suspended',
    seen: 'qmail/vpopmail [SUSPEND] replies, hosting providers, Yandex ("Policy rejection on the target address")',
    text: /\[SUSPEND\]|\b(?:mailbox|account|user)\b[^.;:]{0,40}\b(?:is |has been |was |currently )?(?:temporarily )?suspended|suspended (?:account|mailbox|user)|Policy rejection on the target address/i,
  },
  {
    id: 'mailbox-inactive',
    cause: 'mailbox-inactive',
    seen: 'hosting ISPs (the seed example of ClaraNET: "5.1.0 - Unknown address error 550-\'Mailbox is inactive\'")',
    text: /mailbox is inactive(?! and (?:has been )?(?:disabled|deactivated|closed))/i,
  },
  {
    id: 'sender-account-barred',
    cause: 'sender-not-permitted',
    seen: 'Mail.ru, Alibaba Mail, Google Workspace: our own account may not send',
    text: /sending for this account is disabled|Mail Sending denied|account isn'?t allowed to send/i,
  },
  {
    // RFC 5321's 552 text "exceeded storage allocation" serves both a full mailbox and a message
    // too big: a size status beside it says which.
    id: 'storage-allocation-size',
    cause: 'message-too-large',
    seen: 'servers answering "552 5.3.4 Requested mail action aborted: exceeded storage allocation" to a message over their size limit (Apache James, smtp4dev)',
    text: /exceeded storage allocation/i,
    status: /^[45]\.3\.4$/,
  },
  {
    id: 'mailbox-full',
    cause: 'mailbox-disabled',
seen: 'Postfix local, Exim appendfile, Dovecot, Gmail (4.2.2/5.2.2), Exchange (also a folder over its item limit, MaxObjsExceeded), qmail, Domino, GMX, Orange, Chinese and Vietnamese providers, GNU Mailutils maidag (mailbox quota and maximum mailbox size) in ca, es, fi, fr, id, pl, ro, ru, sv, uk, vi, Yahoo (legacy "would exceed mailbox quota"), qmail-ldap and vpopmail ("mailfolder is over the allowed quota", "maildir has overdrawn his diskspace quota"), Latvian hosts ("does not have enough space", "Not enough storage space in user\'s mailbox"), Chinese hosts ("Mailbox space not enough"), GNU Mailutils ("would exceed maximum mailbox size"), "5.2.5 Folder full", Dovecot LMTP message-count quota ("Too many messages in the mailbox"), Japanese providers ("mail box is full"), qmail hosting ("qq trouble in home directory", documented by the host as the mailbox quota reached), "Mailbox size exceeded - Mailbox voll", "Your recipient has reached their disk quota"',
    text: /trouble in home directory|mailbox size exceeded|mailbox voll|reached (?:(?:his|her|their|its|the) )?(?:disk |mailbox |storage )?quota|mail ?box\b[^.]{0,40}\bis full|full mailbox|storage (?:is )?full|mailbox limit exceeded|inbox is full|over ?quota|exceed(?:ed|ing) (?:storage|(?:his|her|their|the) quota(?! for sending))|MaxObjsExceeded|quota usage exceeded|mailbox size limit|mailbox exceeds|domain size limit|File too large|out of storage space|exhausted allowed storage|Postfach .{0,40}voll|zuviele Mails|boîte .{0,40}pleine|caixa (?:postal )?(?:está )?cheia|buzón .{0,20}lleno|correo lleno|casilla .{0,30}agotad|sobre utilizada|ящик .{0,20}переполнен|hộp thư .{0,10}đầy|空间不足|邮箱已满|容量|quota de bústia|mida màxima de bústia|cuota del buzón|tamaño máximo del buzón|laatikkokiintiö|laatikon enimmäiskoo|quota de la boîte|taille maximale de la boîte|kuota kotak surat|maksimal kotak surat|rozmiar\S* skrzynki|quota mai?l?box|mărimea maximă a mailbox|размер почтового ящика|kvot för brevlåda|storlek för [^.]{0,30}brevlåda|розміру скриньки|hạn ngạch hộp thư|kích cỡ hộp thư|(?:mailbox|mail ?folder|maildir) (?:is )?full|over (?:the |its |their )?(?:allowed )?quota|(?<!(?:sending|queue|throttling|traffic|count) )quota (?:limit )?(?:is |has been )?(?:exceed|violation)|exceed(?:s|ed|ing)? (?:(?:his|her|their|its|the|allowed) ){0,2}(?:mailbox|diskspace|disk|storage) quota|overdrawn (?:(?:his|her|their|its|the|diskspace|disk|mailbox) ){1,2}quota|(?:mailbox|account)[^.]{0,40}(?:not (?:have )?enough|insufficient) (?:storage |disk )?space|not enough (?:storage |disk )?space in (?:the )?(?:user'?s )?mailbox|mailbox space (?:is )?not enough|exceed(?:s|ed)? (?:the )?(?:maximum )?mailbox size|folder (?:is )?full|too many (?:mails|messages) (?:on the server|in the mailbox)/i,
  },
  {
    id: 'mailbox-disabled',
    cause: 'mailbox-disabled',
    seen: 'hosting providers, the seed example "550 mailbox temporarily disabled", La Poste, Rambler, Gmail and iCloud inactive accounts, hMailServer, a Polish provider (an account, not a message, "zablokowane"); CommuniGate Pro ("mail receiving disabled"), hMailServer inactive aliases and distribution lists, qmail sticky home directories (Haraka qmail-deliverable), Stalwart accounts not allowed to receive, hosting providers ("due to extended inactivity new mail is not currently being accepted"), 163.net ("User <address> is disabled"), Lycos ("Account Closed"), Mail.ru ("user is terminated")',
    text: /mailbox (?:is |has been |temporarily )*(?:disabled|deactivated|locked)|account (?:is |has been )?(?:disabled|deactivated|locked|not active)|(?:domain|user) (?:ADDR )?(?:has been|is) disabled|account (?:is |has been )?closed|disabled (?:mailbox|account|recipient)|now disabled|(?:mail )?receiving (?:is )?disabled|account (?:is )?(?:blocked|frozen) for (?:non-?payment|billing)|\binactive\b|Mailbox is frozen|\blocked\b|user disabled|Login disabled|deactivated mailbox|closed due to inactivity|account expired|not an active address|not activated|no longer accepts mail|recipient account is blocked|compte .{0,30}bloqu|archivee|Archived recipient|isn'?t allowed to receive|blocked due to inactivity|expirado por falta de uso|\binactivo\b|no activa|bloccato per inutilizzo|disatt?tivat|(?:konto|skrzynka)\S* .{0,30}zablokowan|nieaktywne|заблокирован|Recipient address rejected: Blocked(?! using| through| by)|user is terminated|account (?:is |has been )?terminated|(?:alias|list) is not active|sticky home directory|(?:is )?not authori[sz]ed to receive|extended inactivity/i,
  },
  // What the message is
  {
    id: 'message-size',
    cause: 'message-too-large',
seen: 'Postfix smtpd ("Message size exceeds fixed limit"), Exim, Gmail 5.3.4 (size, header size, number of attachments), Exchange, Mimecast, Barracuda, Alibaba Mail, Vietnamese hosts; GNU Mailman 2 ("Your message was too big") in 34 languages, Sympa\'s size DSN in 12 (ca, de, el, es, et, eu, fr, gl, it, pt, ru, sv), MailScanner\'s size notice (ca), ezmlm-idx (ezmlm-reject, messages larger than its limit) in de, it, nl, "Exceeded maximum inbound message size", iRedAPD and postfwd policy replies, milter-greylist, MailScanner\'s oversized-mail notice, Dovecot LMTP quota_max_mail_size, Coremail ("attachment is too long"), "Message body is too big"',
    text: /message (?:size )?(?:# )?exceeds|exceeds (?:the )?(?:maximum|fixed|size|administrative) (?:message )?(?:size|limit)|(?:message|data) length .{0,20}exceeds|length of (?:DATA content|Attach) is achieved|number of attachments\b[^.]{0,20}\bexceeds|Content Filter Size|Taille limite du message|Class=size|datasize limit|Too much mail data|vượt giới hạn dung l|massa gran|p[řr][íi]li[šs] ve[lľ]i?k| (?:er|är) f[oö]r stor|zu (?:groß|gross|umfangreich)|\btro(?:ppo)? grand|demasiado grande|grande demais|muito grande|liiga suur|handiegi|viesti\S* .{0,15}liian (?:pitkä|suuri|iso)|liian (?:suuri|iso)|taille\b.{0,40}trop (?:importante|grande)|trop volumineux|túl nagy|prevelik|превелик|te groot|zbyt du[żz]|prea mare|слишком (?:вели|больш)|надто велик|çok büyük|quá lớn|كبيرة جدا|بیش از حد بزرگ|גדולה מי?די|メールが長すぎ|大きすぎ|너무 크|너무 큽|过大|過大|(?:supera(?:ba)?|excede) (?:la |el |o )?(?:mida|tamaño|tamanho|dimensione) (?:màxima|máximo|massima)|supérieure à la taille maximum|maximal erlaubte Größe|μέγιστο επιτρεπτό|ületab limiiti|maximoa .{0,20}gainditu|превысил максимальный размер|största tillåtna storlek|con più di # caratteri|groter (?:zijn )?dan # bytes|größer[^.]{0,12}als # Bytes|(?:larger|longer) than # (?:bytes|characters)|maximum (?:(?:inbound|incoming|allowed) )?(?:e-?mail|message) size|(?<!cumulative message )size exceed(?:s|ed)?\b|message (?:body |size )?(?:is |was )?too (?:large|big|long)|attachment[^.]{0,40}\btoo (?:large|big|long)|no more than # ?[KMG]B\b|(?:mail|message) size is larger than|size violation|size limit exceeded/i,
  },
  {
    id: 'message-format',
    cause: 'other',
seen: 'Gmail RFC 5322 checks (missing, multiple or disallowed From: and header values), Exchange Online (5.1.20 multiple From addresses, an over-long x-dg-ref header), amavis "BAD HEADER", Exchange STOREDRV, Postfix and Sendmail bare LF, QQ "From header is missing", SparkPost (JSON in X-MSYS-API) and Maropost (missing headers), Barricade MX smtpf header checks, header field checks ("No Resent-From field given", CommuniGate Pro "Messages without To: fields", "too many equal X-headers"), MessageWall ("MIME/REJECT: Invalid structure"), OpenDMARC required headers ("not exactly one Date field"), Exim and other servers refusing over-long lines, "553 Header Error", Haraka headers checks, MIMEDefang (too many MIME parts), MailScanner (a message its scanner could not analyse), Exim header and line-length checks, Haraka (bare LF, MIME parts), qpsmtpd (barelf, headers and dmarc plugins), maddy and Stalwart header and parse faults, Courier and Exim refusing SMTPUTF8 to a next hop without it, mox (a required extension missing), chasquid (our own DKIM signing failed), outgoing filter relays ("Subject contains invalid characters"), "Malformed MIME header", Postal ("too many nested attachments"), "Serious MIME defect detected", "Message headers fail syntax check", "Header From exist, but not have a valid address", "MIME boundary length exceeded", "Malformed mail denied", qmail\'s bare LF refusal ("See http://pobox.com/~djb/docs/smtplf.htm")',
    text: /\b(?:Subject|header)\b[^.]{0,20}\binvalid characters|malformed MIME|MIME boundary|boundary error|MIME error|Broken Quoted-Printable|cannot be parsed|malformed (?:mail|message)\b|smtplf|MIME defect|headers? fail(?:s|ed)? syntax|Header From\b[^.]{0,30}\bvalid address|nested (?:attachments|MIME parts)|RFC ?5322|RFC ?822|RFC ?2047|not RFC.{0,10}compliant|must be RFC\b.{0,40}compliant|BAD HEADER|message is malformed|invalid header|header is missing|missing a valid Message-ID|bare LF|bare newlines?|non-ASCII|Body type not supported|Corrupt message content|Subject is Mandatory|Duplicate header|header is too long|no From:? header|multiple (?:addresses in the )?From:? (?:header|address)|disallowed header|not permitted in (?:the )?(?:message )?header|Blank From|SMTPUTF|unicode address|[#\d]-?bit data|REQUIRETLS|Restricted characters in address|single label domains?|8-?bit (?:data|characters?) not|JSON parsing error|missing (?:\S+ ){0,3}headers?\b|end-of-header|must be US-ASCII|\b(?:no|without|missing) (?:a |the )?[\w-]+:? (?:header )?fields?\b|too many (?:equal |duplicate |identical )?[\w-]*headers|invalid (?:MIME |message )?structure|\bheader error|\blines? (?:is |are )?too long|line length\b[^.]{0,40}exceed|RFC ?# requirement|not exactly one \S+ (?:header )?field|Only one [\w-]+ header|(?:Required|missing) header|must not have a [\w-]+ header|\bDate header (?:is )?too|Invalid [\w-]+ header|too many MIME parts|(?:failed to (?:completely )?analy[sz]e|could not be analy[sz]ed)|header syntax|line length|Line is too long|lines in (?:the )?(?:message )?header|Headers are missing|(?:malformed|unparseable|invalid|valid|missing) (?:From|Date) header|Date header is too far|Invalid address in From|Bare line.?feed|barelf|MIME parts|Failed to parse (?:the )?message|Unicode E-?mail|utf# support|extension, required by message|DKIM signing failed/i,
  },
  {
    id: 'starttls-required',
    cause: 'other',
seen: 'Postfix and Exchange when TLS is mandatory ("Must issue a STARTTLS command first"), Gmail 4.7.29 and 5.7.29, Exchange Online (TLS channel not established: UntrustedRoot), Mimecast, qmail TLS patches, msmtp (a POP3 server without TLS through STLS), VIPRE (a sender domain required to encrypt), spam-mail-blocker.de (IPv6 clients required to encrypt), Barricade MX smtpf (538 encryption required before AUTH), not .NET SmtpClient\'s "requires a secure connection or the client was not authenticated", which says either, postfwd TLS rules (fingerprint, key length), MTA-STS policy checks (MIMEDefang), chasquid security level, Courier, Exim, Haraka outbound, maddy (REQUIRETLS, DANE, MTA-STS), mox, Postfix, qpsmtpd, Sendmail (try_tls, SAN checks) TLS faults',
    text: /STARTTLS|TLS (?:is )?required|requires? (?:a )?TLS connection|encryption is required|requires encryption|TLS negotiation failed|certificate verification failed|Cannot start TLS|TLS support|only on TLS connection|without TLS|over a TLS connection|TLS handshake|SSL\/TLS|TLS\/SSL|not using (?:a )?TLS|TLS channel|untrusted ?root|SSL error|certificate|\bSTLS\b|encryption required|encrypted (?:SMTP )?session|with an? encryption|requires? (?:a )?(?:secure|encrypted) connection(?! or the client was not authenticated)|\bTLS (?:fingerprint|key ?length|cipher|version)|MTA-STS|TLS (?:is )?(?:currently )?(?:not |un)available|No TLS available|TLS (?:verification|conversation|configuration)|requires TLS|try TLS|TLSA|listed in SANs|lack of security|Security level check|^[45]\d\d Security failure/i,
  },
  {
    id: 'ipv6-not-accepted',
    cause: 'other',
    seen: 'Exchange Online 5.7.510 ("does not accept email over IPv6"): the recipient takes mail only over IPv4',
    text: /(?:does ?n[o']t|not) accept (?:e-?mail|mail|messages?) over IPv[#6]/i,
  },
  {
    id: 'journaling-unsupported',
    cause: 'other',
    seen: 'Exchange Online 5.3.190: journal reports from an on-premises server refused while the tenant\'s journaling archive is off',
    text: /Journaling\b[^.]{0,80}\bnot supported/i,
  },
  // The sender side
  {
    id: 'banned-recipient',
    cause: 'recipient-unknown',
    seen: 'Exchange Online 5.7.505 ("Access denied, banned recipient"), documented as a recipient address that is not valid',
    text: /banned recipient/i,
  },
  {
    // Microsoft's 5.4.1 with these words is directory-based edge blocking: the
    // address is not in the tenant's directory. Other servers' "Access denied" for
    // a recipient is the recipient's restriction (below), not an unknown user.
    id: 'directory-edge-blocking',
    cause: 'recipient-unknown',
    seen: 'Exchange Online Protection 5.4.1 "Recipient address rejected: Access denied", "All recipient addresses rejected : Access denied"',
    text: /recipient address(?:es)? rejected ?: Access denied/i,
    status: /^5\.4\.1$/,
  },
  {
    // The same edge block quoted inside another server's wrapper, whose own code
    // ("5.1.0 - Unknown address error") is the one the evidence reads.
    id: 'directory-edge-blocking-quoted',
    cause: 'recipient-unknown',
    seen: 'Exchange Online Protection 5.4.1 quoted by Domino, MDaemon and hosting wrappers ("5.1.0 - Unknown address error 550-\'5.4.1 Recipient address rejected: Access denied")',
    text: /5\.4\.1 (?:\[ADDR\]: )?(?:All )?recipient address(?:es)? rejected ?: Access denied/i,
  },
  {
    id: 'recipient-restricted-senders',
    cause: 'recipient-antispam',
seen: 'Exchange and Microsoft 365 delivery restrictions (RESOLVER.RST, public folders; Exchange Online 5.7.12, 5.7.124, 5.7.133-5.7.135, 5.7.193 "sender isn\'t a group member"), groups that accept only authenticated or listed senders; list managers refusing a poster: GNU Mailman 2 (banned posters, non-members) in 35 languages, Sympa ("restricted to list subscribers") in 19 (ca, de, el, es, et, eu, fi, fr, gl, hu, it, ja, nl, pl, pt, ru, sv, vi, zh); ezmlm-idx (ezmlm-store, not allowed to post) in de, id, it, nl; Aruba PEC certified mailboxes refusing uncertified mail, Gmail "only accepting mail from specific email addresses", SMS gateways ("has restricted SMS e-mail"), "delivery to this address is restricted", hMailServer distribution lists ("Not authorized owner", "Not authorized domain"), Exchange Online 5.7.129 ("you don\'t have permission to send to it"), Exchange Online ("you do not have permissions to send to this distribution list")',
    text: /permission to send to (?:it|this recipient)|not authori[sz]ed to send (?:e-?mail )?to this (?:address|recipient)|permissions? to send to this (?:distribution )?(?:list|group)|accept list for the recipient|RESOLVER\.RST\.|AuthenticationRequiredFor|Recipient address rejected: Access denied|accepts? (?:mail|messages?) only from|Delivery restriction check failed|not authenticated when sending to this group|not authenticated (?:by (?:the )?organi[sz]ation|for (?:(?:this |the )?group|mailbox|public folder))|not in (?:the )?allowed.senders|(?:isn'?t|is not) a (?:group )?member|permission to post|permisos necesarios para publicar|Berechtigungen .{0,40}posten|pas autorisé à lui envoyer|張貼留言的權限|(?:forbidden|banned|prohibited) from posting|not allowed to post|non-?members are not allowed|(?:restricted|limited) to (?:list )?(?:subscribers|members)|ممنوع من إرسال|غير مسموح لهم|prohibit enviar|no se'ls permet|restringit als (?:subscriptors|membres)|zakáz[áa]n[oé] p[řr][íi]sp[íi]e?va|(?:jen|iba) jej\S* účastníci|(?:ikke lov til|inte tillstånd) .{0,40}list|(?:være|vara) medlem|begränsad till (?:list)?prenumeranter|nicht (?:gestattet|erlaubt).{0,40}Liste|auf (?:Abonnenten|Mitglieder) beschränkt|απαγορευ.{0,60}λίστα|μόνο στ(?:α μέλη|ους συνδρομητές)|malpermesis al vi|ne rajtas sendi|prohibido (?:mandar|enviar)|no se les permite|non teñen permiso|restringida a los suscriptores|restrinxida aos subscritores|n[ãa]o[ -]membr|restrita aos membros|permissão (?:para|de) postar|autorização para enviar mensagens|proibito inviare|non iscritti|limitata agli iscritti|prohibite pro te|non-membros|interzisă publicarea|neabonat|postitamine keelatud|ainult (?:listi )?liikmed|vaid tellijad|bidaltzeko baimenik|harpidedunei mugatuta|kielletty .{0,40}list|Ei-jäsen|rajoitettu .{0,20}tilaajille|interdit d'envoi|non-abonnés|réservée aux (?:abonnés|membres)|חסום משילוח|לא רשאי לשלוח|منع شده|غیر از اعضا|zabranjeno vam|nije dozvoljeno slanje|nisu članovi|dovoljeno objavljati|забрањено вам|нису чланови|tiltva a listá|csak a (?:lista)?tagok|niet toegestaan .{0,40}lijst|niet-leden|beperkt tot (?:lijst)?abonnees|zablokował możliwość wysłania|tylko członkowie|dla (?:jej )?subskrybentów|(?:запрещено|заборонено|не дозволено) .{0,40}(?:список|рассылк)|список рассылки запрещено|только (?:её |ее )?подписчикам|listeye.{0,40}yasak|üye olmayan|bị cấm g[ởử]i|không thành viên|hạn chế .{0,40}đăng ký|投稿を禁止|投稿できません|リストの読者だけ|보내는게 금지|비회원|禁止往该列表|被禁止投|非成员|非會員|仅限.{0,12}订阅者|僅限.{0,12}訂閱者|dürfen keine Nachrichten an diese Liste|tidak dibolehkan untuk mengirim|non sei autorizzato a (?:spedire|inviare)|mag geen berichten (?:sturen|versturen|zenden)|posta non certificata|only accept(?:s|ing)? (?:mail|messages?) from|has restricted (?:\w+ )?e-?mail|delivery to (?:this|the) (?:address|recipient|mailbox) is restricted|Not authorized (?:owner|domain)\b/i,
  },
  {
    // A recipient address (5.1.1) refusing the sender: forwarding addresses that
    // accept mail only from the senders registered for them. Our own server's
    // "unauthorized sender" for the account's addresses is sender-not-owned below.
    id: 'recipient-refuses-sender',
    cause: 'recipient-antispam',
    seen: 'Apple Hide My Email (privaterelay.appleid.com: "550 5.1.1 <address>: unauthorized sender")',
    text: /unauthori[sz]ed sender|sender (?:is )?not (?:authori[sz]ed|allowed)/i,
    status: /^5\.1\.1$/,
  },
  {
    // "Authenticate" is said of two things: the message (SPF, DKIM, DMARC: the
    // recipient's anti-spam) and our client's SMTP AUTH. The message's comes first,
    // because its replies also say "must authenticate".
    id: 'message-authentication',
    cause: 'recipient-antispam',
    seen: 'Gmail 5.7.26 ("This mail is unauthenticated ... must authenticate with at least one of SPF or DKIM", "does not have authentication information"), Yahoo and Outlook.com sender requirements',
    text: /^(?=.*\b(?:SPF|DKIM|DMARC)\b).*authenticat|authentication (?:information|checks)|(?:mail|message|e-?mail|sender) (?:is|was) unauthenticated/i,
  },
  {
    id: 'auth-required',
    cause: 'auth-required',
seen: 'submission servers, Exchange, ISP smarthosts ("530 5.7.0 Authentication required"), Postfix "not logged in", MessageLabs, Gmail (also AUTH mechanism faults: 5.7.4, 5.5.4, 5.7.40 XOAUTH, 4.7.0 cannot authenticate now), Orange, NetEase, msmtp\'s failed authentication (de, eo, es, fr, pt, ro, ru, sr, sv, uk, zh), Barricade MX smtpf (unknown AUTH mechanism), "535 Invalid Username or Password" as PHPMailer reports it, chasquid, hMailServer, Apache James, maddy ("Use Submission"), mox and Stalwart (too many authentication failures, an account not allowed to use the service), OpenSMTPD ("Must issue an AUTH command first"), Tencent Exmail ("need EHLO and AUTH first"), QQ Mail and NetEase (an authorization code to log in, SMTPAuthenticationError), Coremail ("relay check local fail"), Citadel and other servers ("Policy requires local senders to authenticate", "Only authenticated connections are allowed on ports other than 25")',
    text: /\bAUTH first|local senders to authenticate|only authenticated connections|Authentication ?Error|login fail(?:ed|ure)?\b|authori[sz]ation code to log ?in|relay check local|authentication (?:is )?required|authorization required|Unauthenticated senders|password required|should be authenticated|AUTH FAILED|SMTP AUTH(?:entication)? (?:is )?required|turn on SMTP Authentication|must (?:first )?authenticate|not authenticated|not logged in|requires? authentication|without authentication|authentication (?:failed|failure|unsuccessful)|auth(?:entication)? credentials invalid|failed to authenticate|authenticator failed|Username and Password not accepted|log in with your web browser|fail authentication|Code d'authentification|achieve Exchange Server authentication|'Send mail as'|proper authentication required|cannot authenticate|unrecognized authentication type|\bAUTH mode\b|X?OAUTH\w* (?:is )?no longer supported|Authentifizierung fehlgeschlagen|aŭtentigo malsukcesis|fallo en la autenticación|échec de l'authentification|autenticação falhou|autentificarea a e[șş]uat|сбой аутентификации|потврђивање идентитета није успело|autentisering misslyckades|не вдалося пройти розпізнавання|认证失败|(?:unknown|unsupported|unrecognized) AUTH(?:entication)? mechanism|invalid (?:user ?name|login) or password|Password command failed|must be authenticated|re-?authenticate|unauthenticated connection|issue an AUTH command|use submission|too many auth(?:entication)? (?:failures|errors)|not authori[sz]ed to use this service/i,
  },
  {
    id: 'spf-record',
    cause: 'recipient-antispam',
    seen: 'receivers quoting the sender\'s SPF record ("not allowed to send from <domain> per its SPF Record")',
    text: /per its SPF|per it's SPF|SPF record(?![^.]{0,20}\bno MX\b)|SPF check failed/i,
  },
  {
    id: 'sender-not-owned',
    cause: 'sender-not-permitted',
seen: 'Postfix reject_sender_login_mismatch, ISP smarthosts (BT), hosting submission servers ("Username and sender doesn\'t match"), Exchange SendAs, NetEase, Alibaba Mail, Zoho, Microsoft 365 unregistered domains, Kopano\'s spooler refusing send-as (cs, de, es, et, fi, fr, he, hu, it, ja, nb, nl, pt, sl), SendGrid (From not a verified sender), SparkPost (unconfigured sending domain), Amazon SES (identity not authorized to send), iRedAPD ("Sender is not same as SMTP authenticate username"), Exim ACL ("Invalid sender from client host"), Apache James, maddy, mox, Postal submission, sending services (Postmark sender signatures, Mailjet and SparkPost sending domains, API keys restricted to a domain), hosting submission servers, provider submission servers ("Sender address is not valid for your login"), Brazilian hosting ("Unauthorized shipping"), hydroxide ("transaction failed: unknown sender address"; Exchange\'s "5.1.7 Unknown sender address" is decided by its status), "Originator address does not match authentication credentials", "This domain is not associated with your account"',
    text: /(?<!\d\.\d\.\d )unknown sender address|not valid for your login|unauthori[sz]ed (?:shipping|sending)|not owned by (?:the )?(?:auth )?user|not permitted to send (?:as|with|from|using)|not associated with your account|sender domain (?:is )?not hosted|not allowed to send (?:as|from|on behalf)|does not have permissions? to send as|sender not authorized|unauthorized sender|SendAsDenied|(?:be same as|equal) authori[sz](?:ed|ation) user|non-local account|doesn'?t conform with authentication|Local user only|Relaying disallowed as|unregistered domains?|not local sender|Sender Identity|(?:address|domain) (?:is )?not verified|sender mismatch|masquerading|forging|identities failed the check|not allowed to send mail on behalf|must match authenticated user|not allowed to act as|doesn't match AUTH domain|Sender e-?mail is not in my domain|you try to send as|em nome d[aeo]|tenta enviar|in deren Namen der Versand|essayez d'envoyer|傳送的使用者|odesílat jako|jako kter\S* chcete odesílat|unter diesem Benutzer|enviar como usu[aá]rio|saata kui|lähettää käyttäjänä|nimissä yrität lähettää|envoyer en tant qu|לשלוח כמשתמש|nevében küldjön|próbálta küldeni|per conto d|として送信|送信しようとしたユーザー|sende med andre|gruppe?identitet|verzenden als gebruiker|namens wie u|pošiljanje kot uporabnik|bi radi poslali|not authori[sz]ed to (?:send from|perform \S*send)|unconfigured sending domain|sending domain (?:is )?not configured|(?:sender|originator) (?:address )?(?:doesn'?t|does not|do not|don'?t) match|not (?:the )?same as (?:the )?(?:SMTP )?auth\w* user|belong to (?:the )?authenticated user|unauthori[sz]ed use of (?:the )?sender|Incorrect Authentication for (?:the )?Specified|non-local sender|invalid sender from (?:the )?client host|From\/Sender (?:name|address) is not valid|not a verified sender signature|Sender signature not confirmed|(?:not allowed to|cannot|can'?t) use the domain \S+ as (?:a )?sender|envelope sender not allowed|From address is not one of your addresses|restricted to sending domain|sending domain (?:is ?n[o']t|is not|not) verified|is not allowed in (?:\S+ )?header From/i,
  },
  {
    // 501 answers MAIL FROM's argument: with 5.7.1 "Permission denied" the sender is refused
    // by policy, at a submission server for an account that may not use it.
    id: 'sender-permission-denied',
    cause: 'sender-not-permitted',
    seen: 'Sendmail-style submission servers ("501 5.7.1 <user>... Permission denied" to a From other than the logged-in user, as Swift Mailer reports it)',
    text: /permission denied/i,
    code: /^501$/,
    status: /^5\.7\.1$/,
  },
  {
    id: 'external-recipients-forbidden',
    cause: 'external-recipient-forbidden',
    seen: 'Exchange and Google Workspace transport restrictions, Microsoft 365 outbound forwarding policy, hosting panels, Mailgun sandbox domains (authorised recipients only), Exchange Online ("not authorized to send email to recipients outside of this organization"), Chinese company servers ("domain of forward path is not allowed"), Exim configured for local delivery only ("Mailing to remote domains not supported"), Google Workspace custom policies ("email blocked outside <domain>"), application platforms with recipient domain restrictions ("is not approved for sending")',
    text: /not allowed to send (?:e-?mail )?to (?:external|outside|(?:this |that |the )?destination)|external (?:recipients?|domains?|addresses) (?:is |are )?not (?:allowed|permitted)|recipient domain (?:is )?not allowed|only (?:send|deliver) to (?:internal|local) (?:recipients|domains)|restricted to internal|external forwarding|blocked by your organization|policy that prohibited the mail|sending e-?mail outside|send or (?:\S+ ){0,2}receive external|only allowed to send to local|authori[sz]ed recipients|sandbox (?:sub)?domains? (?:are|is) for test|recipients outside (?:of )?(?:this|your|the) (?:organi[sz]ation|domain)|domain of forward path is not allowed|mailing to remote domains not supported|(?:e-?mail|mail) blocked outside|(?:addressed|recipient)\b[^.]{0,40}\bnot approved for sending/i,
  },
  {
    // Relaying is refused for the recipients, at RCPT TO. Refused after the
    // message, with every recipient already accepted, it is the message's From
    // the account may not send as (Zoho checks the From header after DATA).
    id: 'relay-refused-after-data',
    cause: 'sender-not-permitted',
    seen: 'Zoho Mail SMTP answering "553 Relaying disallowed" at the end of DATA, as Odoo and MyBB report it',
    text: /relay(?:ing)? (?:is )?(?:denied|disallowed|not (?:permitted|allowed))/i,
    stage: 'end of DATA',
  },
  {
    id: 'relay-denied',
    cause: 'relay-denied',
    seen: 'Postfix reject_unauth_destination, Exim, Sendmail, Exchange ("Unable to relay"), qmail rcpthosts, Zoho, MessageLabs, Google Workspace SMTP relay, Trend Micro (forward-path domain not allowed, NO-DOMAIN), VIPRE (domain not on the service), Barricade MX smtpf (UUCP and at-sign addressing), Haraka relay and qmail-deliverable plugins, ASSP ("Forwarding to remote hosts disabled"), Haraka ("I cannot deliver mail for"), mox ("not accepting email for"), Coremail ("host denies relay"), qmail installs ("not in my allowed list of rcpt hosts", "isn\'t allowed to be relayed thru this MTA"), "Relaying mail to <address> is not allowed"',
    text: /denies relay(?:ing)?|relay(?:ing)? (?:access )?(?:is )?(?:denied|not permitted|prohibited|not allowed|disallowed)|not configured to relay|not allowed to relay|not a gateway|Unauthorized relay|relaying to .{0,40}prohibited|unable to relay|not permitted to relay|we do(?: not|n'?t) relay|as a relay|credentials for relay|not hosted here|relay to \S+ (?:is )?denied|allowed (?:list of )?rcpt ?hosts|(?:isn'?t|not) allowed to be relayed|\(relaying\) is not allowed|relaying (?:mail )?to \S+ (?:is )?not allowed|not a local (?:user|domain)|user not local|Delivery is not allowed to this address|forward-path (?:is )?not allowed|not configured to use this (?:MX|host|server)|\bNO-DOMAIN\b|UUCP addressing|at-sign in (?:the )?local-part|\bnot local$|(?:mail|messages?) for (?:that|this) (?:recipient|domain|address) (?:is |are )?not accepted|(?:forwarding|relaying) to remote (?:hosts|domains)|not accepting (?:e-?mail|mail) for|I cannot deliver mail for/i,
  },
  {
    id: 'sender-address-invalid',
    cause: 'relay-denied',
    seen: 'Postfix ("need fully-qualified address"), Sendmail ("Domain name required"), chkuser, Gmail 5.1.7, Orange ("Invalid Sender"), Maropost (MAIL FROM syntax error), smf-spf ("does not conform to RFC-2821 syntax"), chasquid, Exchange, Haraka, OpenSMTPD, qpsmtpd, Stalwart, Zimbra LMTP: a malformed, unqualified or over-long sender address, Coremail ("mail from invalid")',
    text: /mail from (?:address )?(?:is )?invalid|Sender address rejected: need fully-qualified|sender address has invalid format|invalid sender address format|sender syntax|sender address .{0,30}not a valid|Bad sender address|Invalid Sender(?! MX)|Emetteur invalide|MAIL FROM syntax|sender address does not conform|(?<!qualified )domain name required|sender(?:'s)? (?:address|domain) (?:is )?(?:malformed|too long|must contain a domain|syntax)|malformed (?:sender|MAIL FROM)|(?:syntax error|invalid characters?) in (?:the )?sender|invalid MAIL FROM|(?:FQDN|fully.qualified \w+) required in the (?:envelope )?sender|Bad sender'?s? (?:system )?address/i,
  },
  {
    // The HELO argument itself is malformed: a protocol fault of our client, not a policy on its name.
    id: 'helo-malformed',
    cause: 'other',
    seen: 'Haraka helo.checks ("Invalid address format in HELO"), Policyd v2 ("Invalid HELO/EHLO; Must be a FQDN or an address literal")',
    text: /address format in HELO|must be an? (?:FQDN|fully.qualified)|FQDN or (?:an )?address literal/i,
  },
  {
    // At MAIL FROM the only address in question is the sender's.
    id: 'sender-address-invalid-at-mail-from',
    cause: 'relay-denied',
    seen: 'hMailServer ("The address is not valid."), maddy ("No domain part in address") answering MAIL FROM, Sendmail ("\"@\" or \".\" expected after")',
    text: /"@" or "\." expected|address is not valid|no domain part in (?:the )?address/i,
    stage: 'MAIL FROM',
  },
  {
    // RFC 3463 5.1.7 is the sender's address: "Invalid address" under it is not the recipient's.
    id: 'bad-sender-status-words',
    cause: 'relay-denied',
    seen: 'submission servers answering "501 5.1.7 Invalid address" to a sender that is a bare user name (as Python smtplib reports it)',
    text: /invalid|malformed|syntax/i,
    status: /^[45]\.1\.7$/,
  },
  // DNS
  {
    // At MAIL FROM an invalid address can only be the sender's.
    id: 'invalid-address-at-mail-from',
    cause: 'relay-denied',
    seen: 'Amazon SES ("553 <sender> Invalid email address" at MAIL FROM)',
    text: /invalid (?:e-?mail )?address|address (?:is )?invalid/i,
    stage: 'MAIL FROM',
  },
  {
    // A lookup that failed or timed out is a DNS fault, whatever name it was for (our PTR, our HELO
    // name, our sender domain): before the reverse DNS and HELO policies that would refuse its result.
    id: 'dns-lookup-failed',
    cause: 'dns-misconfigured',
    seen: 'Haraka fcrdns ("rDNS lookup timeout", "rDNS lookup error (SERVFAIL)"), helo.checks ("DNS timeout resolving your HELO hostname") and mail_from.is_resolvable ("Temp. resolver error"), Policyd v2 ("Failure while trying to resolve"), Sendmail ("Cannot resolve PTR record"), Postfix ("Malformed DNS server reply"), DragonFly dma ("Unable to lookup DNS", inside its expiry notice)',
    text: /(?<!user |temporary )\blookup (?:timeout|timed out|error)|(?:DNS )?timeout resolving|(?:failure|error) (?:while )?(?:trying to )?resolv|resolver error|(?:cannot|can'?t|unable to|could not) resolve PTR|malformed DNS (?:server )?(?:reply|response)|unable to look ?up DNS/i,
  },
  {
    id: 'unrouteable-address',
    cause: 'dns-misconfigured',
    seen: 'Exim ("Unrouteable address"), including inside sender-verification failures, and misspelt "unroutable sender address"',
    text: /unroute?able (?:mail |sender )?(?:address|domain)/i,
  },
  {
    // A greeting name that is not a name at all is a syntax fault of the client, not a policy.
    id: 'helo-syntax',
    cause: 'other',
    seen: 'qpsmtpd helo plugin (not fully qualified, invalid characters, address literals), hMailServer ("EHLO Invalid domain address"), Stalwart ("Invalid EHLO domain": a name without a dot), Exim ("rejected EHLO ... syntactically invalid argument(s)"), "Invalid EHLO argument received", rspamd-style "HELO_SHOULD_BE_FQDN"',
    text: /(?:HELO|EHLO) (?:(?:host)?name )?(?:contains invalid|is not fully qualified|Invalid domain)|Invalid (?:HELO|EHLO) (?:domain|hostname)|address literal, but we do not|invalid (?:EHLO|HELO) argument|syntactically invalid argument|HELO_SHOULD_BE_FQDN|HELO should be (?:a )?FQDN/i,
  },
  {
    // A reverse lookup that failed is a DNS fault, not the policy that refuses hosts without one.
    id: 'reverse-dns-lookup-error',
    cause: 'dns-misconfigured',
    seen: 'Haraka fcrdns ("rDNS lookup error (ESERVFAIL)"), Stalwart ("Temporary error validating reverse DNS")',
    text: /(?:rDNS|reverse DNS|PTR) lookup (?:error|failure)|error validating (?:the )?(?:reverse DNS|rDNS|PTR)/i,
  },
  {
    id: 'reverse-dns-policy',
    cause: 'recipient-antispam',
    seen: 'Postfix reject_unknown_client_hostname and reject_unknown_helo_hostname, GMX, Comcast, Sendmail: no or generic reverse DNS refused as policy, Barricade MX smtpf (an IP in the client name), spam-mail-blocker.de (IPv6 without reverse name), (also require_rdns "Possibly forged hostname", block_bad_helo); HELO names checked as a policy by Haraka, hMailServer, Apache James, mox, qpsmtpd, Stalwart, "Not sent – no reverse lookup", "Mail not accepted from default assigned hostnames"',
    text: /cannot find your (?:reverse )?hostname|Helo command rejected: Host not found|\bPTR\b(?! (?:record )?lookup (?:error|fail))|no reverse (?:DNS )?(?:lookup|record|entry)|default assigned hostnames?|reverse DNS|IP address IP does not resolve|rDNS|IP in client name|do(?:es)? not have an? reverse|forged hostname|\b(?:HELO|EHLO)\b.{0,80}?\b(?:denied|mismatch|does ?n[o']t (?:match|exist|resolve)|did not resolve|can ?not (?:be )?resolved?)|HELO (?:host)?name (?:is )?not allowed|host_mismatch|bogus (?:HELO|EHLO)|I do not believe you are|You are not localhost/i,
  },
  {
    // The receiver's checks of our HELO name: a policy, like reverse DNS. A name that does not
    // resolve is refused as policy here; a lookup that failed is dns-lookup-failed above.
    id: 'helo-policy',
    cause: 'recipient-antispam',
    seen: 'Haraka helo.checks, Policyd v2 ("Invalid HELO/EHLO; ..."), postfwd ("invalid helo"), Microsoft SMTP servers ("Quoted name does not match IP Address"), milters and appliances ("hello name cannot be numeric ip", "Use a proper helo name", "Bad HELO - Host impersonating")',
    text: /\binvalid HELO\b|\bHELO host\b|\bHELO (?:is dynamic|IP literal|(?:name )?(?:does not match|mismatch))|\bHELO (?:is )?not allowed|not who you say you are|quoted name does not match|hel+o name (?:cannot be|contains) (?:a |an )?(?:numeric )?ip|proper helo|bad HELO|impersonat/i,
    // 500-504 say the HELO command itself was malformed (syntax), not refused as policy.
    code: /^(?!50[0-4]$)\d{3}$/,
  },
  {
    id: 'mx-network-refused',
    cause: 'recipient-antispam',
    seen: 'Apache James ValidRcptMX: the recipient domain\'s MX is in a network the server refuses (a spam-trap check)',
    text: /Invalid MX \S+ for domain\b.{0,100}?\bReject (?:e-?)?mail/i,
  },
  {
    id: 'dns-not-found',
    cause: 'dns-misconfigured',
seen: 'Postfix ("Host or domain name not found", "Name service error", nullMX), Exim, ImprovMX ("Loop detected"), Exchange Online 4.4.62 (wrong region), Sendmail, qmail/chkuser, Exchange ("DNS query failed"), Domino, IMail, Barricade MX smtpf (an address in an unknown TLD, a domain that does not exist, a PTR lookup error), Exchange Online 5.4.310 ("DNS domain ... does not exist", InfoDomainNonexistent), Brevo ("Unable to find MX of domain"), "greeted me with my own hostname", "From:domain must resolve", Node.js resolver errors ("queryA EREFUSED") as nodemailer reports them, MIMEDefang (bogus MX, verification loops), Courier (recursive CNAME), Exchange 5.3.5, hMailServer, maddy and mox (no MX for the sender domain, Null MX), OpenSMTPD, Postal ("No hosts to try"), Postfix local alias loops, Sendmail ("host map: lookup ... deferred", "host name is unknown"), Coremail ("looping message"), Sendmail ("<host>... Local configuration error": an MX pointing back at itself), "Sender domain must exist", "Domain invalid", Forward Email ("Invalid forward-email TXT record"), Exchange ("SMTPSEND.DNS.NonExistentDomain"), WP.pl ("return MX does not exist"), Postfix local ("mail forwarding loop"), BellSouth ("requires valid sender domain"), "Domain of sender address does not resolve", "has no mail exchanger (MX)", Exchange Online ("the domain ... couldn\'t be found")',
    text: /host map: lookup|looping message|host ?name is unknown|host or domain name not found|name service error|domain (?:was )?not found|domain does not exist|does not accept mail \(nullMX\)|null ?MX|no MX|valid MX|MX (?:record )?(?:lookup|points)|MX records point|indicated no SMTP service|Invalid DNS MX|host not found|no such domain|unknown (?:host|mail domain)|loops back to myself|mail loop|routing loop|loop detected|sent to the wrong\b[^.]{0,30}\bregion|too many hops|hop count|too many Received|recursive forwards|could(?:n't| not) find any host|DNS (?:query|lookup|error|failure|temporary)|host (?:name )?lookup (?:did not complete|failure)|mail servers appear to exist|Invalid domain|find the recipient's email server|(?<!address )could not be found|Domain of sender address .{0,60}does not exist|unresolvable|domain is not reachable|Domain Name System|SPF Temporary Error|Temporary error occurred during SPF|key retrieval failed|(?<!user |temporary )lookup error|invalid (?:rcpt|sender) MX domain|temporary DNS problem|Name or service not known|Name server timeout|points back to|system config error|Host unknown|\.\.\. Local configuration error|(?:sender )?domain (?:must exist|(?:is )?invalid)|invalid\b[^.]{0,30}\bTXT record|Không tìm thấy Host|mx记录|查询失败|no valid (?:mx|hosts(?! \(too many connection))|(?:sender|recipient) <ADDR> from unknown TLD|[a-z0-9-]\.[a-z]{2,6} does not exist|PTR record lookup error|\bdomain \S+ does not exist|DomainNonexistent|NonExistentDomain|nonexistent domain|\bMX (?:record )?(?:does not exist|not found)|forwarding loop|requires (?:a )?valid sender domain|address does(?: not|n'?t) resolve|no mail exchanger|domain \S+ couldn'?t be found|(?:unable to|cannot|can't|could not) (?:find|resolve|get) (?:an? |the )?MX|my own host ?name|domain (?:must|does ?n[o']t|did not) resolve|\bquery(?:A|AAAA|Mx|Txt|Srv|Cname|Any) E[A-Z]{4,}|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|against myself|server loop|bogus MX|System incorrectly configured|(?:(?<!This )Host|Domain) does not accept (?:e-?)?mail(?! from)|single dot for (?:the )?mx|not configured for mail|(?:does not have|has no) any MX|verify mx records|no hosts to try|recursive CNAME|alias database loop/i,
  },
  // Authentication checks, rate limits, blocklists and content
  {
    // A receiving filter that failed (its scanner, DKIM filter, policy backend or milter): a
    // temporary fault at the recipient's side, before the verdict words it names (virus, DKIM).
    id: 'receiving-filter-fault',
    cause: 'recipient-server-down',
    seen: 'Haraka (clamd, rspamd, spamassassin, greylist, qmail-deliverable plugins), amavisd-new, MIMEDefang, OpenDKIM, ClueGetter, clamsmtp, ASSP recipient checks, postfwd maintenance rules, Postfix ("451 4.3.5 Server configuration error", a restriction it cannot evaluate)',
    text: /(?:error|problem|failure) (?:connecting to|running|communicating with)|\b(?:scanners?|scan|connect) (?:error|timeout|timed out|failed)|\b(?:backend|resource|outbound|database) (?:is )?(?:failure|error|unavailable)|(?:could not|unable to|cannot) (?:check|verify|validate) (?:the )?(?:address|recipient|message)|error (?:validating|checking|verifying)|permission failure|temporarily undeliverable|\bmaintenance\b|office closed|internal (?:\w+ )?error|\blocal error\b|previous temporary failures|temporary failure submitting|detected undelivered|server configuration (?:error|problem)/i,
    temporary: true,
  },
  {
    id: 'sender-verify-failed',
    cause: 'recipient-antispam',
seen: 'Exim callout verification ("Sender verify failed", "Callback setup failed"), Postfix reject_unverified_sender, Baruwa ("Sender verification failed"), Chinese providers ("Verify mailfrom failed"), mtpolicyd ("sender address failed verification"), Exim callout failures ("Callback setup failed", "Postmaster verification failed", "Can\'t verify sender")',
    text: /sender verify|callout verification|sender address verification|verification failed for|Sender address rejected: undeliverable address|sender verification|verify mail ?from failed|callback (?:setup |verification )?failed|earlier callout|sender address (?:failed verification|does not accept mail)|callback setup failed|verification failed while|can'?t verify sender/i,
  },
  {
    // "Unusual rate of unsolicited email from your DKIM domain" names the domain
    // whose mail it is, not a failed check: the rate decides before SPF and DKIM
    // words, a deferral when 4xx, the reputation refused when 5xx.
    id: 'unusual-rate-deferred',
    cause: 'throttled',
    seen: 'Gmail 421 4.7.28 ("unusual rate" or "unusual amount" of unsolicited email from an IP, netblock, SPF or DKIM domain or URL domain)',
    text: /unusual (?:rate|amount) of/i,
    temporary: true,
  },
  {
    id: 'unusual-rate-refused',
    cause: 'recipient-antispam',
    seen: 'Gmail 550 5.7.28 and 5.7.1 ("There is an unusual rate of unsolicited email originating from your IP address", "... unsolicited mail ... has been blocked")',
    text: /unusual (?:rate|amount) of .{0,20}unsolicited/i,
    temporary: false,
  },
  {
    id: 'spf-dkim-dmarc',
    cause: 'recipient-antispam',
    seen: 'Gmail (5.7.26, 4.7.27), Outlook.com, Yahoo, policyd-spf, OpenDMARC, Mimecast anti-spoofing, NetEase; Exim DKIM ACLs (invalid or missing signature), Stalwart ARC, Coremail ("remote ip check error": the IP does not match the sender domain)',
    text: /remote ip check|\bSPF\b(?! domain)|SPF_|\bDKIM\b|\bDMARC\b|sender policy framework|unauthenticated email|not pass authentication|required authentication level|break mailing lists|Anti-Spoofing|openspf|\bARC (?:validation|check|seal)|(?:invalid|missing)(?:\/missing)? signature/i,
  },
  {
    id: 'greylisted',
    cause: 'throttled',
    seen: 'postgrey, Exim greylistd, Rspamd, Mimecast ("Greylisted, see ..."), Spanish providers; iRedAPD ("Intentional policy rejection, please try again later"), SQLgrey, milter-greylist, Policyd v2, Apache James ("Reconnect to fast"), qpsmtpd ("temporarily denied"), greylisting servers quoted by Exim ("is not yet authorized to deliver mail from"), Postgrey ("Recipient address rejected: Delayed by"), qmail on Plesk ("421 temporary envelope failure")',
    text: /temporary envelope failure|not yet authori[sz]ed to deliver|rejected: delayed\b|gr[ae]y ?list(?![^.]{0,60}black ?listed)|policy rejection, please try again later|reconnect(?:ed)? too? fast|temporarily denied/i,
  },
  {
    // Refusals of bounces (null or empty senders) as backscatter: the recipient's side refuses
    // the message for what it is, before the rate-limit words it may use.
    id: 'bounce-refused',
    cause: 'recipient-antispam',
    seen: 'Haraka bounce plugin, ASSP ("Bounce address not SRS signed"), iRedAPD ("Policy rejection due to null sender"), qmail-deliverable (mailing lists), smf-spf (empty senders), Exim BATV checks ("Signature nonexistent for bounce message")',
    text: /\bbounces? not accepted|for bounce message|\bbounce (?:message has too many|with non-empty)|invalid bounce|\bbounce address not (?:SRS )?signed|\b(?:null|empty) senders?\b/i,
  },
  {
    // The receiving system short of storage, even where a sending service tags
    // the event "(throttled)".
    id: 'insufficient-system-storage',
    cause: 'recipient-server-down',
    seen: 'RFC 5321 452 "Insufficient system storage" (4.3.1), quoted by SendGrid',
    text: /insufficient system storage/i,
  },
  {
    // qpsmtpd's karma is the sending host's reputation: refused for it when 5xx,
    // even where the words are a recipient limit lowered because of it.
    id: 'bad-karma',
    cause: 'recipient-antispam',
    seen: 'qpsmtpd karma plugin ("very bad karma", "too many recipients for karma")',
    text: /bad karma|recipients for karma/i,
    temporary: false,
  },
  {
    id: 'rate-limited',
    cause: 'throttled',
seen: 'Gmail 4.7.28 and 4.2.1, Outlook.com RP-001 and 5.2.121/5.2.122 hourly receive limits, Exchange Online 5.7.508 (IPv6 range limits), Rackspace (G30), Yahoo VS1-IP (excessive unknown recipients), Yahoo TS codes, Postfix anvil, QQ and NetEase, Exchange, Mimecast, qmail/chkuser, GNU Mailman 2 ("the recipient list is too long") in cs, de, es, fr, it, ja, ko, nl, pl, pt, ru, sv, tr, vi, zh; ezmlm-idx (ezmlm-limit, excessive traffic) in de, id, it, nl; Barricade MX smtpf (connections or null-sender messages over a rate), Momentum (concurrency limit), Baruwa (its Exim ratelimit, dictionary attack), spam-mail-blocker.de (too many mails from different domains or IPs), 4.2.121 470 "Try again later, closing connection" and 4.7.3 organisation queue quotaand GL s, go-smtp recipient limit, Postfix policy servers (postfwd, Policyd v2 quotas, mtpolicyd, iRedAPD), milter-greylist, Haraka limit, Exim ratelimit and rcpt_count ACLs, mox, Sendmail and Stalwart per-session limits, Coremail ("out of allow RCPT numbers"), Exim ratelimit ACLs ("Host is ratelimited"), "You are sending too many emails", "Exceed Recipient Limit", Exim ACLs ("Too many RCPT failures - try later", "Max 3 failed recipients allowed", "only one recipient at a time"), Postfix anvil ("Message submission rate for this client has exceeded"), "out of connection slots", "Too many connected clients", Yahoo ("451 Message temporarily deferred - [70]")',
    text: /allow(?:ed)? RCPT numbers|rate limit|\bratelimited\b|too many (?:RCPT|recipient) failures|(?:too many|max(?:imum)? #) failed recipients|only one recipient at a time|message temporarily deferred|multiple recipients in one transaction|(?:limit of|too many) # recipients|message (?:submission|delivery) rate|connection slots|too many connected clients|sending too many|exceed(?:s|ed)? (?:the )?recipient limit|reached its limit|Mailbox unavailable or access denied|try again later from \[IP\]|(?:^|said: )4\d\d (?:Please )?try again later\.?(?: \(in reply|$)|unusual rate|sending rate|throttl|frequency limited|HL:I[CF]C|too quickly|at a rate that|relay limit|sending quota|submission quota|thread limit|max(?:imum)? (?:number of )?(?:rcpt|recipients)|RecipLimit|too much e?-?mail|(?:per hour|hourly) (?:message )?(?:receive |send )?limit|limit for the number of messages|exceeded (?:the )?permitted limits|excessive (?:unknown |invalid )?recipients|quota for sending|slow down|number of messages exceeded|max number of (?:allowed |invalid )|intrusion threshold|Max message per connection|too many open connections|limits for how many messages|RCPTs is achieved|RCPT attempts|policy size per transaction|deferred due to (?:user complaints|unexpected volume)|temporarily (?:rate limited|deferred due to)|Temporarily Blacklisted|IP temporarily suspended|too frequent|(?:Internal resource|Account service) (?:is )?temporarily unavailable|rejected: Please try again later|recipient list.{0,20}too long|seznam příjemců.{0,20}příliš dlouh|Anzahl der Empfänger.{0,10}zu hoch|zu viele Empfänger|lista de destinat[aá]rios.{0,20}demasiado l(?:arg|ong)a|lista dei destinatari.{0,20}troppo lunga|liste des destinataires.{0,20}trop longue|宛先アドレス数が(?:長|多)すぎ|참조자.{0,30}너무 깁|aantal geadresseerden.{0,20}te hoog|listę odbiorców.{0,30}za długa|адресатов.{0,30}слишком длин|mottagarlista.{0,20}för lång|alıcı listesi.{0,20}çok uzun|người nhận.{0,10}quá dài|收件人列表.{0,10}太长|too many (?:SMTP )?(?:connections|(?:recent )?messages|recipients?\b(?! for (?:DSN|MDN|bounces?))|concurrent|sessions|invalid)|überhöhter Verkehr|kelebihan trafik|troppo traffico|overmatig verkeer|excessive traffic|concurrency limit|exceed #\/#|only send # (?:msgs|messages|mails|e-?mails) per|dictionary attack|sen[dt] (?:to|too) many (?:e-?mails|mails|messages)|limit of # (?:rcpt|recipients)|queue quota|try again later,? closing connection|from \(?IP\)? temporarily deferred|\b(?:max|no more than|more than once)\b[^.;]{0,30}\bper (?:# )?(?:sec|min|hour|day|week|month)|no more than # (?:recipients|messages|connections)|limit of \S+ exceeded|(?:traffic|message count) quota|message count exceeded|cumulative message size|\bis deferred,? ?repeatedly|(?:daily|hourly|weekly|monthly) .{0,20}limit|rate exceeds|more than # RCPTs|max(?:imum)? of # recipients|only one recipient allowed|messages per (?:session|connection)/i,
  },
  {
    // A 4xx that blocks the client for a while slows the mail down, as a rate limit does; the
    // same words in a 5xx refusal are left to the reputation and content rules below.
    id: 'temporarily-blocked',
    cause: 'throttled',
    seen: 'servers deferring a client for a while ("421 Your IP is temporarily blocked, please try again later")',
    text: /temporar(?:il)?y blocked/i,
    temporary: true,
  },
  {
    id: 'orange-service-refused-temporary',
    cause: 'throttled',
    seen: 'Orange and La Poste 421 "Service refuse. Veuillez essayer plus tard" (OFR_999, LPN007_505), applied by sending rate and reputation',
    text: /Service refus/i,
    temporary: true,
  },
  {
    id: 'orange-service-refused',
    cause: 'recipient-antispam',
    seen: 'Orange and La Poste 550 "Service refuse" (OFR006_103, LPN005_510): the same wording as a refusal',
    text: /Service refus/i,
    temporary: false,
  },
  {
    // A scanner that could not run is the receiving side's fault, although its words name viruses.
    id: 'scanner-unavailable',
    cause: 'recipient-server-down',
    seen: 'qpsmtpd virus plugins ("Unable to scan for viruses") deferring while the scanner is down',
    text: /unable to scan/i,
    temporary: true,
  },
  {
    id: 'blocklisted',
    cause: 'recipient-antispam',
seen: 'Spamhaus, Barracuda, SpamCop, SORBS, UCEPROTECT listings quoted by Postfix, Exim, Exchange, Gmail; AOL and T-Online block codes (also as the bare reply, "554 RTR:BB"); Proofpoint and other gateways answering only "Blocked - see <lookup URL>", MailChannels ("Blocked", "Message Blocked."), Barricade MX smtpf (a hash list), Coremail ("IP is rejected"), milter-greylist, mtpolicyd (Commtouch, spam traps, blocked IPs), Apache James DNSRBL handler, Coremail ("black ip", "Black mail address", "openrelay check"), SPFBL ("permanently blocked"), ISPs blocking an IP by name ("521 <ip> is blocked", "550 <ip> blocked by ldap:ou=rblmx"), Comcast ("cmsmtp blocked ... AUP#CXBL", "blocked AUP#CDRBL"), DCC ("rejected by DCC")',
    text: /\bblack (?:ip|mail address)\b|open ?relay check|permanently blocked|blocked using|(?<!not )listed (?:at|by|in|on)|\bRBL\b|DNSBL|rblsmtpd|rblreject|spamhaus|barracuda|spamcop|sorbs|uceprotect|\bbanned\b|reputation|Mail server at .{0,20}is blocked|(?:\(|\b[45]\d\d )(?:RLY|CON|RTR|DYN|HVU|IPTS|PH|DNS|POL):|\((?:BL|DIAL)\)|Dialup|dynamic IP|transient IP|Zombie|Host network not allowed|Block (?:temporarily|permanently)|permanently deferred|\[PH\d+\]|HL:(?:REP|MEP)|IP based\)|domain based\)|Customized-Block|BLOCK-SEND|:blocked\)|\bblocked\W{1,4}see:? (?:https?:|www\.)|message blocked by [\w-]+\.[\w.-]+|^5\d\d (?:\[[^\]]{1,12}\] )?(?:message )?blocked\.?$|(?<!may be )block ?list|(?<!may be )black ?list|IP>? (?:address )?(?:has been |is )?blocked|cmsmtp blocked|\bAUP#|\bDCC\b|IP (?:address )?is rejected|\b(?:caught|trapped) (?:by|in)\b|honeypo[td]|spam ?trap|unauthenticated e-?mail from \S+ is restricted/i,
  },
  {
    id: 'spam-or-virus',
    cause: 'recipient-antispam',
    seen: 'content filters (SpamAssassin, Rspamd, amavis, Proofpoint, Mimecast, Gmail 5.7.1 "likely unsolicited", NetEase DT:SPM, QQ); MailScanner\'s virus, attachment, spam and unsolicited-mail notices (ca, cs, da, de, es, fr, hu, it, nl, pt, sk, sv), Sympa\'s virus DSN (ca, de, es, et, eu, fr, gl, it, nl, oc, pl, pt, ru, sv), GNU Mailman 2 refusing a content type (cs, de, es, fr, it, ja, nl, pl, pt, ru, sv, tr, vi, zh), Symantec Email Security.cloud (VBA macros, content restrictions), Barricade MX smtpf (blocked content), "Content reject", "Mail data refused by <filter>, rule [n]", BOX Solutions SpamTrap, recipients refusing a character set, amavisd-new, Haraka (attachment, karma), ASSP, ClueGetter, MIMEDefang, Proxmox Mail Gateway, postfwd scores, milter-greylist, MailScanner\'s notices in English, Exim and Haraka backscatter filters (BATV, bounces), Exim fakereject and spf_guess, qpsmtpd (password-protected archives), Exchange content filter agent, Proton Mail ("rejected by rspamd filter"), recipient servers quoted by Forward Email ("does not meet our delivery requirements"), Exim local_scan spam scores ("hits=7.5 required=5.0"), eXpurgate ("REJECT bulk.advertising"), sa-exim ("SA: Action: permanently rejected message"), "BLOCKED_DUE_TO_SPAM_HOST", "Matched map: FORBIDDEN_FILE_EXTENSION"',
    text: /rejected by \w+ filter|(?:does not|doesn'?t) meet (?:our|the) (?:delivery|acceptance) (?:requirements|standards|guidelines)|antyspam|垃圾邮件|SpamSignature|DT:SPM|AntiSpam|unsolicited|junk mail|virus|malware|infected|UNCHECKED|phishing|unsafe content|SpamAssassin|spoof(?:ed|ing)|Message filtered|bounce verification|suspicious|unwanted|not whitelisted|not in whitelist|not on (?:the )?(?:white|allow) ?list|rejected by (?:policy|filter|recipients|destination|(?:this|the) (?:user|recipient)\b(?! domain))|security polic|attachment|delivery restricted by policy|User defined policy|viirus|birus|wirus|vírus|вирус|Viren|infizier|nepovolen\S* p[řr][íi]loh|content.?type[^.]{0,50}(?:disallowed|not allowed|forbidden|prohibited|zakáz|禁止)|MIME-Typ[^.]{0,50}verboten|tipo de conte(?:nido|údo)[^.]{0,50}(?:prohibido|proibido)|type de contenu[^.]{0,50}refusé|tipo del contenuto[^.]{0,50}proibito|inhoudstype[^.]{0,50}niet toegestaan|innehållstyp[^.]{0,50}förbjud|içerik türü[^.]{0,50}izin verilmedi|типом содержимого[^.]{0,20}запрещен|内容类型[^.]{0,30}禁止|禁止されているファイル形式|cấm .{0,20}nội dung|typu wiadomości.{0,30}zablokowan|no (?:s'ha )?sol·licitat|correo electr[oó]nico no (?:requerido|solicitado)|VBA macro|content restrictions?|blocked content|content (?:reject(?:ed)?|refused|denied)|mail data refused|\bhits=-?#|\bSA: Action: (?:permanently |temporarily )?rejected|forbidden[_ ](?:file[_ ])?extension|\bREJECT bulk\.\w+|spam ?trap|(?:user|recipient) does not accept (?:e-?mail|mail|messages?) (?:in|with|containing)|(?:\b|_)spam(?:my|mers?)?(?:\b|_)|policy (?:violation|rejection(?=\W+\w))|(?:not accepted|rejected) for policy reasons|rejected by domain policy|bad karma|karma score|\bscore (?:too high|exceeds?)|(?:nested|encrypted|password.protected) archives?|(?:disallowed|forbidden|prohibited|banned) file(?: extension| type)?|(?:unacceptable|disallowed|forbidden|prohibited) content.?type|images? embedded|scripting code|\bmalicious\b|(?:dangerous|harmful) content|which was not requested|unrequested (?:mail|e-?mail|message)|\bfak(?:ing|ed) (?:mail|sender)|(?:does ?n[o']t accept|(?:is )?required for) bounces|reverse path signature|unsigned reverse path|kept for evaluation|n[o']t look trustworthy|password.protected|quarantined this message/i,
  },
  {
    id: 'sender-refused',
    cause: 'recipient-antispam',
seen: 'Mimecast blocked senders, Cox, Trend Micro, Exchange Online "Access denied" (its 4.7.500 "please try again later" is a deferral), hMailServer, Apple (CS01, HM08), qmail badmailfrom, Sendmail and Postfix access maps, Coremail ("Fake sender"), Cisco IronPort ("this connection is being blocked"), "no access for this ip": the receiver refuses this sender or client, Mimecast header-based Blocked Senders, gateways answering 5xx "Connection refused" or "Permission denied" (Symantec Email Security.cloud), VIPRE and Barricade MX smtpf refusing a client that claims to be them, a HELO that does not match, a reserved domain, NetEase ("sender is rejected", "mail <id> is rejected"), Exchange SenderFilterAgent ("Sender denied"), "User refused to receive this mail", MAIL FROM not matching the client IP or the header From, "Your host is not allowed to connect", "Client host bypassing service provider\'s mail relay", Haraka access lists, ASSP, mtpolicyd (reverse client name, country blocks), Haraka (access plugin, anti-spoofing), Postfix postscreen and qpsmtpd early talkers, Stalwart (a sender its rules refuse), maddy filters ("Message rejected due to local policy"), Aruba ("Connection refused from <ip>" with a reputation reset link), university gateways refusing their own domain as an outside sender ("Unauthorised Envelope Sender"), "Connection not authorized", "Connections are being blocked due to previous incidents of abuse", vger.kernel.org ("policy analysis reported"), "does not accept mails from this sender address", "remote ip is forbidden", "Forged IP in HELO", "This computer has been blocked from sending email", "only accepted from authorized IP ranges", "No you are not ME or OURS", "appears to be an unsecured proxy", Outlook.com ("messages from <ip> on behalf of <domain> could not be delivered")',
    text: /connection refused from IP\b|unauthori[sz]ed envelope sender|envelope blocked|blocked by receiving server|Not authorized sender|Sender Filtering|(?:refused|blocked) by (?:local |site )?policy|not accepted here|Mail rejete|Mail rejected\.|(?<!Recipient address rejected: |not found or )Access denied(?!,? please try again later)|Service denied|has been denied|badmailfrom|doesn't want your mail|unknown TLD|not authorized to (?:\S+ )?send (?:e-?mail )?directly|access to submit messages .{0,40}rejected|Blocked Senders?|^5\d\d (?:\d\.\d\.\d )?(?:connection refused|permission denied)\b|claims to be us|say you are me|HELO \S+ does not match|reserved domain|sender (?:address )?(?:is )?(?:rejected|blocked|denied)|\bmail \S+ is rejected|refused to receive|MAIL FROM (?:\[ADDR\] )?(?:is )?mismatch|(?:host|client|IP) (?:is )?not allowed to connect|bypassing\b[^.]{0,40}\brelay|not allowed to connect|\bfake sender|no access for (?:this|your)|connection (?:is being |has been |was )?blocked|Client(?: host|_name| name)? (?:rejected|blocked)|delivery from [^.;]{0,40}\brejected|(?:mail is|you are|you're) not welcome|(?:not allowed|cannot send mail) here|sender address (?:is )?not (?:permitted|allowed)|due to (?:a )?local policy|not allowed from your host|before (?:the )?SMTP greeting|I can break rules, too|connection not authori[sz]ed|connections? (?:(?:is|are) being |has been |have been |was |were )?blocked|policy analysis reported|(?:remote |your |client )?IP (?:address )?is (?:forbidden|not allowed)|blocked from sending|forged IP in HELO|\b(?:connection|HELO|EHLO) \S+(?: \[IP\])? blocked|only accepted from authori[sz]ed|you are not (?:me|us)\b|unsecured proxy|open proxy|messages from \S+ on behalf of|does not accept (?:e-?)?mails? from (?:this|your) sender|sender e-?mail address (?:is )?(?:rejected|blocked|denied)|(?:does not|doesn'?t) (?:send|accept) mail from itself/i,
  },
  {
    // A list manager refusing a post for its form, not for who sent it or what
    // it carries: after the spam and content-type rules, so that Mailman's and
    // Sympa's content-type refusals stay theirs.
    id: 'list-message-form',
    cause: 'other',
    seen: 'ezmlm-idx (ezmlm-reject, ezmlm-send) in de, id, it, nl: a message too short, a MIME type or part not accepted, nothing left once MIME parts are removed, an empty subject, commands or [un]subscribe in the subject, the list not in To: or Cc:, Mailing-List headers of sublists',
    text: /(?:header|Kopfzeile|intestaz\w*)\W{1,4}Mailing-?List|Mailing-?List\W{1,5}(?:header|Kopfzeile)|Mailinglisten-Kopfzeile|MIME[- ](?:Content-Type|Inhaltstyp|Bestandteil|delen|parts?)|(?:bagian|parti) MIME|unzulässige\w* Inhaltstyp|To:\W{0,3}(?:oder|atau|o|of|or)\b[^.]{0,30}Cc:|übergeordneten Liste|list atasan|lista padre|bovenliggende list|parent list|(?:kleiner|kürzer)[^.]{0,20}als # (?:Bytes|Zeichen)|lebih kecil dari #|più cort[io] di #|korter (?:zijn )?dan #|(?:shorter|smaller) than # (?:bytes|characters)|ohne Betreff|Subjek kosong|senza oggetto|leeg onderwerp|empty Subject/i,
  },
  {
    // Postfix postscreen's "enforce" answer to a blacklisted client: a refusal in 5xx, not a service down.
    id: 'postscreen-refused',
    cause: 'recipient-antispam',
    seen: 'Postfix postscreen (postscreen_access_list and DNSBL "enforce": "550 5.3.2 Service currently unavailable")',
    text: /service (?:is )?currently unavailable/i,
    status: /^5\.3\.2$/,
  },
  {
    // The same postscreen answer as a 4xx: its after-220 tests make a new client come back later,
    // which works as greylisting, not an outage.
    id: 'postscreen-deferred',
    cause: 'throttled',
    seen: 'Postfix postscreen (after-220 protocol tests: "450 4.3.2 Service currently unavailable")',
    text: /service (?:is )?currently unavailable/i,
    status: /^4\.3\.2$/,
    temporary: true,
  },
  {
    id: 'policy-restrictions',
    cause: 'other',
    seen: 'GMX and Web.de header checks ("Reject due to policy restrictions")',
    text: /Reject due to policy restrictions/i,
  },
  // The receiving side cannot take mail now
  {
    id: 'address-verification-pending',
    cause: 'recipient-server-down',
    seen: 'Postfix reject_unverified_recipient while the probe is unanswered',
    text: /address verification (?:problem|in progress)/i,
  },
  {
    id: 'policy-deferral',
    cause: 'throttled',
    seen: 'Plesk greylisting, iCloud: "451 4.7.1 Service unavailable - try again later", a policy (4.7) deferral, not a system fault',
    text: /service (?:is )?(?:currently |temporarily )?(?:not |un)available/i,
    status: /^4\.7\.\d+$/,
  },
  {
    id: 'service-unavailable-now',
    cause: 'recipient-server-down',
    seen: 'RFC 5321 421 "Service not available", Postfix, Sendmail and providers answering 4xx while overloaded or in maintenance',
    text: /service (?:is )?(?:currently |temporarily )?(?:not |un)available/i,
    temporary: true,
  },
  {
    // A local delivery command (a virus-scanning wrapper) that could not reach its own
    // helper daemon: our side's fault, not the recipient's server being down.
    id: 'local-command-connect',
    cause: 'other',
    seen: 'Postfix local delivery through a scanning command (avpcheck: "unable to connect to avp daemon")',
    text: /Command output: [^.]{0,80}(?:unable to connect|could not connect|connection refused)/i,
  },
  {
    id: 'filter-unavailable-reject',
    cause: 'recipient-server-down',
    seen: 'Postfix when a milter is unavailable and milter_default_action is reject ("550 5.5.0 Service unavailable")',
    text: /service (?:is )?(?:currently |temporarily )?(?:not |un)available/i,
    status: /^5\.5\.0$/,
  },
  {
    // A mailbox being created or moved between mailbox servers: the receiving side, for now.
    id: 'mailbox-moving',
    cause: 'recipient-server-down',
    seen: 'Cyrus lmtpd in a murder ("Mailbox has been moved to another server", "Mailbox is currently reserved"), Zimbra LMTP ("Mailbox is not on this server")',
    text: /mailbox\b.{0,30}?\b(?:another|this) server|mailbox is (?:currently )?reserved/i,
    temporary: true,
  },
  {
    id: 'server-unreachable',
    cause: 'recipient-server-down',
seen: 'Postfix and Exim connection failures, retry timeouts, expiry, Gmail "Connection expired", Outlook.com "No healthy secondary server" (also DragonFly dma, Haraka, Sendmail, Exchange 4.4.7 notices); Gmail, Exchange, Domino, IMail and Chinese providers\' delivery reports; local stores that cannot be locked now; Haraka with no queue accepting ("Queuing declined or disabled"), nodemailer ("Greeting never received"); Sympa\'s internal server error DSN (ca, de, el, es, et, eu, fi, fr, gl, hu, it, ko, oc, pl, pt, ru, sv, vi, zh); a Chinese hosted mail service\'s network failure notice, VIPRE and Barricade MX smtpf unable to reach the protected server, Amazon SES "Temporary service failure", "System busy, try again later", Sendmail "I/O error", CommuniGate Pro ("connection with <host> is broken"), Gmail ("Connection was dropped by remote host"), vpopmail ("can not open new email file"), chasquid, Cyrus, Exim (spool space, retry times, verify callouts), Haraka and OpenSMTPD outbound, maddy and Stalwart policy checks and load, Postal, Postfix (alias database, cleanup), qpsmtpd loadcheck, Sendmail (host down, user database), Coremail ("queue unavailable", "database temporary error"), "Message still undelivered", Postfix ("Operation timed out"), Sendmail ("timeout waiting for input"), Postfix postscreen ("all server ports busy"), Postfix local ("user lookup error", a lock file that exists), dma ("local delivery deferred"), qmail-local ("Unable to chdir to maildir", "NFS failure"), OpenSMTPD (its LMTP server hanging up), Postal ("Failed to process recipient, try again", "Failed to queue message"), servers failing to store or process a message ("451 Failed to store message", "450 Temporary failure processing message", "451 4.3.5 Unable to process mail", "430 Temporary failure in recipient lookup")',
    text: /timeout waiting for input|backend not running|failed to store (?:the )?message|(?:error|failure) processing (?:the )?message|temporary failure in (?:recipient )?lookup|unable to process (?:the )?(?:mail|message)|spool (?:disk |space )?(?:is )?(?:too )?full|all server ports busy|\buser lookup error|lock file \S+: File exists|can ?not lock\b|local delivery deferred|unable to chdir to (?:the )?maildir|NFS failure|unexpected EOF from (?:the )?LMTP server|failed to (?:process recipient|queue message)\b|queue unavailable|database temporary error|still undelivered|operation timed out|connection refused|connection timed out|timed out while|conversation with .* timed out|SMTP timeout|lost connection|closed connection|network is unreachable|no route to host|connection reset|not reachable|temporarily unavailable|message expired|status=expired|have been failing|connection expired|no healthy (?:secondary )?servers?|delivery temporarily suspended|too long in (?:the )?queue|in the queue too long|(?:(?:could ?n[o']t|unable to|cannot|not) (?:be )?deliver(?:ed)?|undelivered)\b.{0,30}\b(?:for|after|within|in) (?:the last |more than )?# (?:seconds?|minutes?|hours?|days?)|deliver\w*\b.{0,30}\btime limit|stopped trying|not been delivered yet|will continue to be attempted|\b(?:open|read|write) timeout\b|(?:failed|unable) to lock|temporary (?:message )?delivery failure|could not connect|unable to connect|accept (?:our requests to connect|a connection)|connection attempt failed|(?:connect|connection) to .{0,60}failed|Failed connection|Attempts to connect|multiple retries|Delivery failed # attempts|server busy|too much load|temporary (?:local |system )?problem|system temporary unavailable|local error in processing|system not accepting|insufficient (?:system|disk)|Mail system full|there is no Mdb|could not be saved|no auth resource available|temporary server error|Server\(s\) unavailable|License Expired|return TEMPFAIL|database down|try another server|inbounds disabled|could mean temporary error|Mất kết nối|no es posible conectar|tiempo de entrega vencido|连接.{0,20}失败|internal server error|err(?:or|o|ore|eur) intern|intern\S* Serverfehler|internt serverfel|εσωτερικού σφάλματος|sisemisele veale|barne errore|sisäisen järjestelmävirhe|belső szerver ?hiba|내부 서버 에러|wewnętrznego błędu|внутренней ошибки|lỗi .{0,30}nội bộ|内部服务器错误|內部服務器錯誤|too many (?:(?:connection )?failures|retries|failed attempts)|temporary (?:local |system |service )failure|网络异常|could not complete (?:the )?(?:recipient )?callout|(?:cannot|unable to) forward mail|(?:server|system)(?:\(\w+\))? (?:is )?(?:too )?busy|\bI\/O error|connection (?:(?:with|to) \S+ )?(?:is |was |has been )?(?:broken|dropped)|(?:can ?not|unable to|could not|failed to) (?:open|create) (?:new )?(?:e-?mail|mail|message) file|greeting (?:never received|timeout|timed out)|queu(?:e|ing) (?:declined|disabled)|retry time(?:out)? (?:not (?:yet )?reached|exceeded)|network error|no (?:valid )?route to|connection (?:timeout|closed unexpectedly)|delivery attempts\b.{0,20}\b(?:reached|exceeded)|no SMTP servers were available|Tried all MXs|\bhost \S{1,100} is down|space shortage|(?:high|server) load|load too high|too busy|could not complete\b.{0,30}\bcallout|temporary error checking|unable to (?:verify|accept)\b.{0,20}\bat this time|(?:internal|I\/O) error during|internal protocol error|database (?:error|unavailable)|address lookup failed/i,
  },
  {
    // "No valid recipients" with a bad-mailbox code: every recipient was refused as unknown.
    id: 'no-valid-recipients-unknown',
    cause: 'recipient-unknown',
    seen: 'qmail-smtpd ("554 Sorry, no valid recipients (#5.1.3)")',
    text: /no valid recipients/i,
    status: /^5\.1\.[13]$/,
  },
  {
    id: 'protocol-error',
    cause: 'other',
seen: 'SMTP syntax and sequence errors, Gmail (a recipient that is not a valid RFC 5321 address, too many unauthenticated commands), pipelining violations, Exim synchronization errors, Exchange transport errors, Amazon SES (client timeout), Baruwa (no HELO/EHLO), Baruwa and Barricade MX smtpf (a bounce to several recipients, a null recipient), Haraka early talker and limit plugins, ASSP, chasquid, Exchange, Exim (nonmail commands, command and data timeouts), maddy, mox, OpenSMTPD, qpsmtpd (unrecognized commands), Sendmail, Stalwart: recipient address syntax, session faults, hMailServer ("Excessive amounts of data sent to server"), Amazon SES ("Local address contains control or whitespace")',
    text: /excessive amounts? of data|address contains control|syntax error|command not (?:recognized|implemented)|bad sequence|improper use of SMTP|pipelining|protocol (?:error|violation)|synchronization error|line too long|need fully-qualified|too many errors|Multiple destination domains per transaction|mail transport error|Sent items copy failed|no valid recipients|Bad address syntax|invalid rcpt address format|not a valid RFC ?# address|too many unauthenticated commands|Cú pháp|waiting for \S+ from (?:the )?client|no HELO|HELO required|say helo first|recipients for (?:a )?(?:DSN|MDN|bounce)|bounces are never sent to more than one|null recipient|unrecognized commands?|talk(?:ed)? too soon|malformed address|malformed destination|normali[sz]e the recipient address|address literals? (?:are |is )?not supported|reserved by RFC|fully qualified domain name required|valid address is required|unrecognized commands|nonmail commands|too many related errors|DSNs? to non-local|address family|(?:command|data) timeout|Session open for too long|HTTP requests? not allowed/i,
  },
  {
    id: 'ambiguous-recipient',
    cause: 'other',
    seen: 'Lotus Domino ("Recipient user name ... not unique. Several matches found in Domino Directory"), RFC 3463 5.1.4 ambiguous addresses',
    text: /\bnot unique\b|several matches found|ambiguous (?:recipient|address|name)/i,
  },
  {
    // RFC 3463 5.1.3 is a destination address of bad syntax: with words that say so it is not an unknown user.
    id: 'recipient-address-syntax',
    cause: 'other',
    seen: 'chasquid, maddy, Stalwart and Exchange (STOREDRV.Submit) 5.1.3 for a malformed recipient address',
    text: /malformed|syntax|invalid recipient address/i,
    status: /^[45]\.1\.3$/,
  },
  {
    // RFC 5321's generic "mailbox unavailable" says less than a mailbox status beside it.
    id: 'mailbox-unavailable-status',
    cause: 'mailbox-disabled',
    seen: 'servers answering "550 5.2.1 Mailbox unavailable." for a disabled mailbox (a hosting provider\'s table of replies)',
    text: /mailbox (?:is )?unavailable/i,
    status: /^[45]\.2\.[12]$/,
  },
  {
    // Postfix's "Recipient address rejected:" wraps every recipient restriction; under a 5.7
    // (policy) status it says nothing of the address, and the words after it decide.
    id: 'recipient-unknown-text',
    cause: 'recipient-unknown',
seen: 'Postfix local/virtual ("User unknown in ... table"), Exim, Sendmail, qmail, Exchange, Gmail, Rackspace (G8), Yahoo ("is no longer valid"), Domino, the seed examples, AT&T ("Addressee unknown", also misspelt "Adressee"), German, French and Chinese providers; Sympa\'s unknown-list DSNs ("List does not exist", "not a known mailing list") in ca, de, el, es, et, eu, fi, fr, gl, hu, it, ja, ko, nb, nl, oc, pl, pt, ru, sv, vi, zh; GNU Mailutils maidag (no such user) in fi, id, pl, ro, ru, sv, uk, vi; Cisco IronPort quoting "no such active account"; VIPRE and Baruwa callouts, Barricade MX smtpf (recipient invalid or unknown), Sendmail ("Unknown E-Mail Address", "Recipient address no longer exists"), Exim ("unknown local-part"), cPanel Exim ("The account or domain may not exist"), Chinese hosts ("user not exist", "mailbox <address> unavailable"), "no mailbox by that name", "All recipients are invalid", "User not a member of domain", Haraka qmail-deliverable ("not deliverable"), Exim verify = recipient, OpenSMTPD ("Mailing list expansion problem" for a missing user), Postal return-path tokens, Office 365 ("wasn\'t found at"), Microsoft Graph ("Recipient is not resolved"), Strato ("e-mail adress unknown"), Japanese providers ("user name is unknown"), Courier ("User <name> unknown"), "The recipient cannot be verified", German hosts ("Diese Adresse ist nicht mehr verfügbar")',
    text: /wasn't found at\b|unknown local user|\b(?:address|user|mailbox)\b.{0,40}\bis not available here|\buser <[^<>]{1,64}> unknown|recipient (?:address )?cannot be verified|(?:Adresse|Empfänger)\S* (?:ist )?nicht mehr verf(?:ü|ue)gbar|recipient (?:'?ADDR'? )?is not (?:valid|resolved)|user ?name is unknown|user unknown|unknown user|recipient unknown|not existing recipient|XGEMAIL_0011|invalid (?:recipient|mailbox|address|user|final delivery)|(?<!command )does ?n[o']t exist|RecipientNotFound|RecipNotFound|dosn't exist|not our customer|account (?:is )?(?:not available|unavailable|does not exist)|user account is unavailable|(?:recipient|user) not found|no mailbox here|not a valid (?:recipient|mailbox)|undeliverable address|bad destination mailbox|user nonexistent|Access denied\. AS\(|doesn't have a .* account|no longer on (?:this )?server|address could(?:n't| not) be found|(?:ADDR|address) is no longer valid|wasn't found at the destination|wrong recipients?|not listed in (?:the )?(?:Domino Directory|public Name)|not in (?:my )?(?:validrcptto|route list)|wurde nicht .{0,40}gefunden|unbekannt|inconnu|n'existe pas|introuvable|répertorié dans l'annuaire|Directorio de Domino|Domino ディレクトリ|ディレクトリのリストにありません|sconosciuto|Destinatario errato|inesistente|riuscito a trovare l'indirizzo|Nie ma takiego konta|desconocido|no existe|desconhecido|inexistente|não existe|не существует|не найден|không tồn tại|不存在|未开通|existiert nicht|δεν υπάρχει|ei ole olemas|zerrenda ez dago|\blista\b[^.]{0,60} ei ole\b|nevű lista|non esiste|non existe|existís pas|リストはありません|存在しません|존재하지 않|eksisterer ikke|bestaat niet|nie istnieje|finns inte|not a known (?:mailing )?list|llista de correu coneguda|keine bekannte Verteilerliste|γνωστή ηλεκτρονική λίστα|no se reconoce en la lista|non se recoñece na lista|ei ole listi aadress|zerrenda ezagun|pas une liste (?:de diffusion )?conn?u|lista de difusion coneguda|nem található levelezési lista|non è una lista di distribuzione nota|geen bekende mailinglijst|nie jest znaną listą|lista de emails conhecida|не является рассылкой|inte en känd e-postlista|no such (?:active )?(?:user|mailbox|recipient|address|account|person)|tuntematon käyttäjä|tidak ada pengguna|brak takiego użytkownika|nu există user|нет такого пользователя|ingen sådan användare|немає такого користувача|không có người dùng|call ?forward rejected|recipient verification failed|recipient <ADDR> (?:is )?(?:invalid|unknown)|(?<!sender )ad{1,2}ress(?:ee)? unknown|mailbox (?:[(<]? ?ADDR ?[)>]? )?(?:does not exist|not found|unavailable)|no mailbox by that name|unknown (?:recipient|mailbox|local[ -]part|(?:e-?mail )?address(?! error))|\b(?:user|path|mailbox|account) (?:does )?not? exists?\b|(?:address|user|mailbox|account) no longer exists?|(?:account|user|mailbox)\b[^.]{0,20}\bmay not exist|user not a member of (?:this |the )?domain|\buser (?:<ADDR> )?not OK|recipients? (?:are|is|were) (?:all )?invalid|ad{1,2}ressee unknown|(?<!(?:Sender|Recipient) )address rejected|(?<![45]\.7\.\d{1,3}[^.]{0,12})recipient (?:address )?rejected|marked as invalid|invalid-recipient|not in recipient list|^5\d\d not deliverable$|can'?t verify recipient|list expansion problem|invalid server token/i,
  },

  {
    id: 'sending-software-failed',
    cause: 'other',
    seen: 'Kopano and other groupware servers that could not send at all (their notices in English, German, French, Portuguese, Russian; Kopano\'s spooler in cs, et, fi, hu, it, nb, nl, sl)',
    text: /Kopano|fatal error|erro fatal|erreur fatale/i,
  },
  {
    id: 'store-or-directory-fault',
    cause: 'other',
    seen: 'Exchange Online: the mailbox store failing with a permanent exception (STOREDRV.Deliver), a recipient object without its primary SMTP address (RESOLVER.ADR.BadPrimary)',
    text: /permanent exception|primary SMTP address is missing/i,
  },
  {
    // Our own store refusing because of how it is set up: not the recipient's
    // server, and nothing the recipient can fix.
    id: 'local-store-fault',
    cause: 'other',
    seen: 'Postfix local and virtual (mailbox and maildir delivery, allow_mail_to_files and _commands), Exim appendfile and pipe; Cyrus lmtpd (mailbox format), Exchange STOREDRV, Exim forbid_file and forbid_pipe, Postfix local (mailbox file ownership), Postfix local (a lock file it may not create, a .forward it may not read), dma ("error creating mbox"), Sendmail (a .forward line whose output it cannot create)',
    text: /maildir delivery failed|cannot update mailbox|delivery failed to mailbox|has the wrong mode|mail to (?:file|command) is restricted|file is executable|process failed to exec|mailbox has an invalid format|not supported on (?:the )?mailbox|MDB properties|not owned by recipient|delivery to (?:file|pipe) forbidden|error creating mbox|lock file \S+: Permission denied|can'?t create output|(?:error reading|cannot open|can'?t read) (?:the )?forward(?:ing)? file/i,
  },
  {
    // Our own MTA refusing because of how it is configured or installed: not the recipient's
    // server, and nothing to retry until the administrator changes the set-up.
    id: 'own-mta-setup',
    cause: 'other',
    seen: 'Exim (an option or path that failed to expand, a transport user on never_users, a file it could not stat, an IPv6 source address the host does not have), Postfix (a transport master.cf does not define, the bounce daemon failing, an alias database without an owner), qmail-local and qmail-lspawn (an alias user, root, users/cdb, the message file), Courier (dynamic delivery instructions, courierdeliver), OpenSMTPD (its delivery agent\'s descriptor and command line, an LMTP server speaking nonsense)',
    text: /failed to expand\b|\bexpansion of\b.{0,300}\bfailed\b|never_users|failed to stat\b|cannot assign requested address|mail transport unavailable|bounce or trace service failure|alias database owner|Unable to find alias user|perform deliveries as root|Trouble reading users\/cdb|qmail-lspawn unable to open message|dynamic delivery instructions|can'?t run courierdeliver|unable to read message file|cannot get mda fd|mda command line could not be expanded|LMTP server sent an invalid line/i,
  },
  {
    id: 'local-command-failed',
    cause: 'other',
    seen: 'Postfix local/pipe and Exim pipe transports when the delivery command (procmail, maildrop) fails: its exit status in sysexits words, a signal, a time limit; fetchmail reporting its MDA\'s nonzero exit status or fatal signal (ca, cs, da, de, el, eo, es, fr, id, it, ja, nl, pl, ru, sq, sv, tr, vi, zh), qmail-send ("Unable_to_run_qmail-remote"), Sendmail ("local mailer (...) exited with EX_TEMPFAIL"), OpenSMTPD ("terminated; signal 9")',
    // Postfix reports a command's exit status in the words of sysexits.h, alone or before its output.
    text: /unable[_ ]to[_ ]run[_ ]qmail-|procmail:|Command died|Command output|child process .* (?:returned|was terminated by signal)|pipe delivery process|process failed to exec|^(?:command line usage error|data format error|cannot open input|service unavailable|internal software error|system resource problem|critical OS file missing|can't create user output file|input\/output error|remote error in protocol|permission denied|local configuration error|mail system configuration error|unknown mail system error #)(?:\. Command output:|$)|\bMDA\b[^#]{0,60}#|local mailer \([^)]*\) exited with|exited with EX_[A-Z]+|terminated;? (?:by )?signal|programme de livraison\b[^.]{0,60}signal/i,
  },

  // --- 2. Enhanced status codes ----------------------------------------------
  { id: 'status-5.1.6-moved', cause: 'address-changed', seen: 'RFC 3463 5.1.6 "destination mailbox has moved"', status: /^[45]\.1\.6$/ },
  { id: 'status-x.7.17-owner-changed', cause: 'address-changed', seen: 'RFC 7293 mailbox or domain owner changed', status: /^[45]\.7\.1[78]$/ },
  { id: 'status-x.1.1-unknown', cause: 'recipient-unknown', seen: 'RFC 3463 5.1.1 "bad destination mailbox address"', status: /^[45]\.1\.[13]$/ },
  { id: 'status-x.1.7-bad-sender', cause: 'relay-denied', seen: 'RFC 3463 5.1.7 "bad sender\'s mailbox address syntax" (Exchange "Unknown sender address", chasquid)', status: /^[45]\.1\.7$/ },
  { id: 'status-x.1.2-bad-system', cause: 'dns-misconfigured', seen: 'RFC 3463 5.1.2 "bad destination system address", 5.1.8 bad sender system, RFC 7505 5.1.10 null MX', status: /^[45]\.1\.(?:2|8|10)$/ },
  { id: 'status-5.7.27-sender-null-mx', cause: 'dns-misconfigured', seen: 'RFC 7505 5.7.27 "sender address has null MX"', status: /^5\.7\.27$/ },
  { id: 'status-x.2.1-disabled', cause: 'mailbox-disabled', seen: 'RFC 3463 5.2.1 "mailbox disabled", 5.2.2 "mailbox full"', status: /^[45]\.2\.[12]$/ },
  { id: 'status-x.3.4-too-big', cause: 'message-too-large', seen: 'RFC 3463 5.3.4 and 5.2.3 size limits', status: /^[45]\.(?:3\.4|2\.3)$/ },
  { id: 'status-x.4.4-routing', cause: 'dns-misconfigured', seen: 'RFC 3463 5.4.4 "unable to route", 4.4.3 "directory server failure", 5.4.6 "routing loop"', status: /^[45]\.4\.[346]$/ },
  { id: 'status-x.4.1-no-answer', cause: 'recipient-server-down', seen: 'RFC 3463 4.4.1 "no answer from host", 4.4.2 "bad connection", 4.4.7 "delivery time expired"', status: /^[45]\.4\.[127]$/ },
  { id: 'status-4.3-system', cause: 'recipient-server-down', seen: 'RFC 3463 4.3.0-4.3.2: the receiving system has a temporary problem', status: /^4\.3\.[0-2]$/ },
  { id: 'status-4.7-temporary-policy', cause: 'throttled', seen: 'greylisting and rate limits as 4.7.x', status: /^4\.7\.\d+$/ },
  { id: 'status-x.5-protocol', cause: 'other', seen: 'RFC 3463 x.5.x protocol status', status: /^[45]\.5\.[0-6]$/ },
  { id: 'status-x.6-content', cause: 'other', seen: 'RFC 3463 x.6.x message content or media status (Exchange Online 5.6.0, 5.6.11)', status: /^[45]\.6\.\d+$/ },

  // --- 3. Reply codes ---------------------------------------------------------
  { id: 'code-421-unavailable', cause: 'recipient-server-down', seen: 'RFC 5321 421 "service not available"', code: /^421$/ },
  { id: 'code-530-auth', cause: 'auth-required', seen: 'RFC 4954 530 "authentication required"', code: /^53[05]$/ },
  { id: 'code-50x-syntax', cause: 'other', seen: 'RFC 5321 500-504 syntax and sequence errors', code: /^50[0-4]$/ },
];
