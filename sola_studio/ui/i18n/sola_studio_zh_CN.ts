<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BannerStrip</name>
    <message>
        <location filename="../widgets/desk.py" line="159"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../wizard.py" line="219"/>
        <location filename="../wizard.py" line="237"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="220"/>
        <source>Check that you are in the picture and the light is good.</source>
        <translation>确认您在画面中，光线充足。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="223"/>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="229"/>
        <source>Picture shape</source>
        <translation>画面形状</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="239"/>
        <source>Show picture</source>
        <translation>显示画面</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="269"/>
        <source>The show uses: {0}</source>
        <translation>直播使用：{0}</translation>
    </message>
</context>
<context>
    <name>CaptionLanguagesPage</name>
    <message>
        <location filename="../wizard.py" line="84"/>
        <source>Caption languages</source>
        <translation>字幕语言</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="86"/>
        <source>The languages your captions are shown in, and what translates into each.</source>
        <translation>字幕显示的语言，以及翻译到每种语言所用的模型。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="117"/>
        <source>{0}: no installed model translates into it yet. It stays chosen; until a model is installed (Settings, or sola-studio models install) its captions are not shown, and Go live says so.</source>
        <translation>{0}：尚未安装能翻译到该语言的模型。它仍保持选中；在安装模型之前（在设置中，或运行 sola-studio models install），不会显示该语言的字幕，开播时也会提示。</translation>
    </message>
</context>
<context>
    <name>CaptionReachView</name>
    <message>
        <location filename="../widgets/caption_reach.py" line="32"/>
        <source>Caption language</source>
        <translation>字幕语言</translation>
    </message>
    <message>
        <location filename="../widgets/caption_reach.py" line="32"/>
        <source>Translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../widgets/caption_reach.py" line="63"/>
        <source>the language you speak: no translation needed</source>
        <translation>你说的语言：无需翻译</translation>
    </message>
    <message>
        <location filename="../widgets/caption_reach.py" line="65"/>
        <source>✓ {0}</source>
        <translation>✓ {0}</translation>
    </message>
    <message>
        <location filename="../widgets/caption_reach.py" line="68"/>
        <source>{0} ({1} MB, {2})</source>
        <translation>{0}（{1} MB，{2}）</translation>
    </message>
    <message>
        <location filename="../widgets/caption_reach.py" line="72"/>
        <source>⚠ no installed model reaches it: install one of {0}. {1}</source>
        <translation>⚠ 没有已安装的模型能翻译到该语言：请安装以下之一：{0}。{1}</translation>
    </message>
</context>
<context>
    <name>CaptionStrip</name>
    <message>
        <location filename="../widgets/captions.py" line="46"/>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../widgets/captions.py" line="56"/>
        <source>Captions appear here when you go live.</source>
        <translation>开播后字幕会显示在这里。</translation>
    </message>
</context>
<context>
    <name>CommentSourcesForm</name>
    <message>
        <location filename="../widgets/sources.py" line="109"/>
        <source>TikTok LIVE</source>
        <translation>TikTok 直播</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="113"/>
        <location filename="../widgets/sources.py" line="151"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="117"/>
        <source>Unofficial: TikTok offers no API for LIVE chat, so comments are read through the TikTokLive library. It may break when TikTok changes, until the library is updated. Replies are copied to the clipboard for you to paste.</source>
        <translation>非官方：TikTok 没有提供直播聊天的 API，评论通过 TikTokLive 库读取。TikTok 更改后可能失效，直到该库更新。回复会复制到剪贴板，由您粘贴。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="129"/>
        <source>YouTube Live</source>
        <translation>YouTube 直播</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="134"/>
        <source>auto (your channel&apos;s live broadcast)</source>
        <translation>auto（您频道正在进行的直播）</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="135"/>
        <source>Broadcast</source>
        <translation>直播</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="141"/>
        <location filename="../widgets/sources.py" line="197"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="144"/>
        <source>OAuth client</source>
        <translation>OAuth 客户端</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="148"/>
        <location filename="../widgets/sources.py" line="351"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="155"/>
        <source>Twitch</source>
        <translation>Twitch</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="159"/>
        <source>Channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="164"/>
        <source>Local endpoint (any other platform, through a chat aggregator)</source>
        <translation>本地接口（其他任何平台，通过聊天聚合工具）</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="172"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="181"/>
        <source>none: any program on this computer</source>
        <translation>无：本机上的任何程序均可</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="182"/>
        <source>Shared secret</source>
        <translation>共享密钥</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="190"/>
        <source>Replay file (rehearse with recorded comments)</source>
        <translation>回放文件（用录制的评论排练）</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="200"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="269"/>
        <source>A replay file&apos;s name must not contain a comma — rename it.</source>
        <translation>回放文件名不能包含逗号——请重命名。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="274"/>
        <source>No keyring on this computer can keep the shared secret — set SOLA_WEBHOOK_SECRET before starting Sola Studio, or install a keyring (gnome-keyring, KWallet).</source>
        <translation>这台电脑上没有可保存共享密钥的密钥环——请在启动 Sola Studio 前设置 SOLA_WEBHOOK_SECRET，或安装密钥环（gnome-keyring、KWallet）。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="308"/>
        <source>TikTokLive {0} is installed.</source>
        <translation>已安装 TikTokLive {0}。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="332"/>
        <source>No OAuth client file at {0}. In Google Cloud Console enable YouTube Data API v3, create an OAuth client ID of type Desktop app and save its JSON there (or choose it).</source>
        <translation>{0} 没有 OAuth 客户端文件。请在 Google Cloud Console 中启用 YouTube Data API v3，创建类型为“桌面应用”的 OAuth 客户端 ID，并将其 JSON 保存到该位置（或选择它）。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="351"/>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="353"/>
        <source>Signed in to YouTube.</source>
        <translation>已登录 YouTube。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="353"/>
        <source>Not signed in to YouTube.</source>
        <translation>未登录 YouTube。</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="369"/>
        <source>Waiting for you to sign in in the browser…</source>
        <translation>正在等待您在浏览器中登录…</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="388"/>
        <source>Sign-in failed: {0}</source>
        <translation>登录失败：{0}</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="393"/>
        <source>Your OAuth client (Desktop app)</source>
        <translation>您的 OAuth 客户端（桌面应用）</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="403"/>
        <source>Your aggregator posts JSON to http://127.0.0.1:{0}/comments</source>
        <translation>您的聚合工具将 JSON 发送到 http://127.0.0.1:{0}/comments</translation>
    </message>
    <message>
        <location filename="../widgets/sources.py" line="410"/>
        <source>Recorded comments</source>
        <translation>录制的评论</translation>
    </message>
</context>
<context>
    <name>CommentsPage</name>
    <message>
        <location filename="../wizard.py" line="467"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="470"/>
        <source>Where your viewers write. Drafts are made for every comment; nothing is sent until you approve it. You can change this later in Settings › Comments.</source>
        <translation>观众在哪里留言。每条评论都会生成草稿；在您批准之前不会发送任何内容。之后可在 设置 › 评论 中更改。</translation>
    </message>
</context>
<context>
    <name>DeskFeed</name>
    <message>
        <location filename="../desk_feed.py" line="48"/>
        <source>the sheet does not answer it: the draft says you will check</source>
        <extracomment>A draft below this confidence is marked &quot;needs you&quot; even when the desk raised no flag (a 69 % draft answered &quot;how to wash?&quot; with the price). Intents a draft may answer with whatever the comment asked (a greeting back, a general reply).</extracomment>
        <translation>商品表里没有答案：草稿写的是你会确认后回复</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="51"/>
        <source>tries to steer the reply or plants a price or code: read it first</source>
        <translation>试图操纵回复，或编造价格、优惠码：请先看清</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="54"/>
        <source>unsure what was asked</source>
        <translation>不确定问的是什么</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="55"/>
        <source>asks for a size or colour the sheet does not list</source>
        <translation>问的尺码或颜色不在商品表里</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="58"/>
        <source>written in {0}: no reply wording in the viewer&apos;s language</source>
        <translation>用{0}写的：没有观众语言的回复模板</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="61"/>
        <source>the reworded draft added a fact: the plain one is kept</source>
        <translation>润色后的草稿多了事实：保留原稿</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="64"/>
        <source>could mean several products: the draft asks which</source>
        <translation>可能指多个商品：草稿会问是哪一个</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="67"/>
        <source>holds machine-translated text</source>
        <translation>含机器翻译的文字</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="68"/>
        <source>written in {0}: no translation into the viewer&apos;s language is installed for the sheet&apos;s text</source>
        <translation>用{0}写的：没有安装能把商品表文字译成观众语言的翻译</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="73"/>
        <source>spam (a link or contact bait): no reply</source>
        <translation>垃圾信息（链接或联系方式诱导）：不回复</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="83"/>
        <source>flagged: {0}</source>
        <translation>已标记：{0}</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="96"/>
        <source>low confidence ({0})</source>
        <translation>置信度低（{0}）</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="101"/>
        <source>answers {0}, asked {1}</source>
        <translation>回答的是{0}，问的是{1}</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="199"/>
        <source>{0} viewers asked about {1}. One answer for all: “{2}”</source>
        <translation>{0} 位观众询问了{1}。统一回复：“{2}”</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="207"/>
        <source>Send to all</source>
        <translation>发送给所有人</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="214"/>
        <source>Restock: {0} asks for {1}, {2} left.</source>
        <translation>补货提醒：{1} 被询问 {0} 次，仅剩 {2} 件。</translation>
    </message>
</context>
<context>
    <name>DeskPanel</name>
    <message>
        <location filename="../widgets/desk.py" line="314"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="322"/>
        <source>Try a comment</source>
        <translation>试一条评论</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="348"/>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="349"/>
        <source>Viewer</source>
        <translation>观众</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="350"/>
        <source>Lang</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="351"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="352"/>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="389"/>
        <source>Draft reply</source>
        <translation>回复草稿</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="390"/>
        <location filename="../widgets/desk.py" line="739"/>
        <location filename="../widgets/desk.py" line="746"/>
        <source>Select a comment to see its draft.</source>
        <translation>选择一条评论查看回复草稿。</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="395"/>
        <source>Facts used</source>
        <translation>引用的事实</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="400"/>
        <source>Approve &amp;&amp; send  [A]</source>
        <translation>批准并发送  [A]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="402"/>
        <source>Skip  [S]</source>
        <translation>跳过  [S]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="403"/>
        <source>Edit  [E]</source>
        <translation>编辑  [E]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="404"/>
        <source>Regenerate  [R]</source>
        <translation>重新生成  [R]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="514"/>
        <source>platform&apos;s</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="516"/>
        <source>Reply to {0}: copied — paste it in the {1} chat</source>
        <translation>给 {0} 的回复：已复制——请粘贴到 {1} 聊天中</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="521"/>
        <source>Reply to {0}: rehearsal — logged, not sent</source>
        <translation>给 {0} 的回复：排练——已记录，未发送</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="524"/>
        <source>Reply to {0}: shown on the picture</source>
        <translation>给 {0} 的回复：已显示在画面上</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="527"/>
        <source>Reply to {0}: sent in the {1} chat</source>
        <translation>给 {0} 的回复：已发送到 {1} 聊天</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="701"/>
        <source>⚑ needs you · {0}</source>
        <translation>⚑ 需要您处理 · {0}</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="702"/>
        <location filename="../widgets/desk.py" line="770"/>
        <source>needs you</source>
        <translation>需要您处理</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="752"/>
        <source>No reply drafted: it tries to steer the reply. Skip it [S], or write one [E].</source>
        <translation>未起草回复：这条评论试图操纵回复。跳过 [S]，或自己写一条 [E]。</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="757"/>
        <source>No reply drafted: spam. Skip it [S], or write one [E].</source>
        <translation>未起草回复：垃圾信息。跳过 [S]，或自己写一条 [E]。</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="772"/>
        <source>confidence {0}</source>
        <translation>置信度 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="779"/>
        <source>(no facts: the sheet is silent, check before sending)</source>
        <translation>（无事实依据：商品表中没有相关信息，发送前请核实）</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="781"/>
        <source>(none needed)</source>
        <translation>（无需事实依据）</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="786"/>
        <source>Waiting {0} · Answered {1}</source>
        <translation>待回复 {0} · 已回复 {1}</translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../wizard.py" line="492"/>
        <source>Check this machine</source>
        <translation>检查本机</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="493"/>
        <source>What Sola Studio found, and how to fix anything missing.</source>
        <translation>Sola Studio 的检查结果，以及缺失项的修复方法。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="497"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="505"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="520"/>
        <source>Fix: {0}</source>
        <translation>解决办法：{0}</translation>
    </message>
</context>
<context>
    <name>FileSourcePicker</name>
    <message>
        <location filename="../widgets/file_source.py" line="50"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
</context>
<context>
    <name>Intent</name>
    <message>
        <location filename="../widgets/desk.py" line="84"/>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="85"/>
        <source>shipping</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="86"/>
        <source>size &amp; stock</source>
        <translation>尺码与库存</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="87"/>
        <source>material</source>
        <translation>材质</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="88"/>
        <source>payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="89"/>
        <source>returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="90"/>
        <source>discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="91"/>
        <source>greeting</source>
        <translation>问候</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="92"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>LanguagesPage</name>
    <message>
        <location filename="../wizard.py" line="66"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="68"/>
        <source>The language you speak on camera, and the ones your viewers use.</source>
        <translation>您直播时说的语言，以及观众使用的语言。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="72"/>
        <source>I speak</source>
        <translation>我说</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="74"/>
        <source>My viewers write in</source>
        <translation>观众使用的语言</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="464"/>
        <source>Reply copied: paste it in the {0} chat</source>
        <translation>回复已复制:请粘贴到 {0} 聊天中</translation>
    </message>
    <message>
        <location filename="../window.py" line="131"/>
        <source>Sola Studio</source>
        <translation>Sola Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="166"/>
        <location filename="../window.py" line="370"/>
        <source>Go live</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="181"/>
        <location filename="../window.py" line="700"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../window.py" line="207"/>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="230"/>
        <source>&amp;Studio</source>
        <translation>工作室(&amp;S)</translation>
    </message>
    <message>
        <location filename="../window.py" line="231"/>
        <source>Product sheet…</source>
        <translation>商品表…</translation>
    </message>
    <message>
        <location filename="../window.py" line="232"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../window.py" line="234"/>
        <source>Sessions and reports…</source>
        <translation>场次与报告…</translation>
    </message>
    <message>
        <location filename="../window.py" line="235"/>
        <source>First-run setup…</source>
        <translation>初始设置…</translation>
    </message>
    <message>
        <location filename="../window.py" line="236"/>
        <source>Models…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <location filename="../window.py" line="237"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../window.py" line="346"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../window.py" line="347"/>
        <source>Loading models and opening devices…</source>
        <translation>正在加载模型并打开设备…</translation>
    </message>
    <message>
        <location filename="../window.py" line="295"/>
        <location filename="../window.py" line="717"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../window.py" line="169"/>
        <source>Go live or stop (Ctrl+L)</source>
        <translation>开播或停止（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../window.py" line="186"/>
        <source>Show plan…</source>
        <translation>直播计划…</translation>
    </message>
    <message>
        <location filename="../window.py" line="187"/>
        <source>The script of the show, in every caption language</source>
        <translation>直播脚本，含每种字幕语言</translation>
    </message>
    <message>
        <location filename="../window.py" line="306"/>
        <source>Checking devices…</source>
        <translation>正在检查设备…</translation>
    </message>
    <message>
        <location filename="../window.py" line="332"/>
        <source>Go live without it</source>
        <translation>不使用它直接开播</translation>
    </message>
    <message>
        <location filename="../window.py" line="333"/>
        <source>Not ready to go live</source>
        <translation>尚不能开播</translation>
    </message>
    <message>
        <location filename="../window.py" line="370"/>
        <source>Stop</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="401"/>
        <source>Captions without {0}</source>
        <translation>字幕缺少 {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="402"/>
        <source>No translation model for these caption languages is installed.</source>
        <translation>这些字幕语言的翻译模型尚未安装。</translation>
    </message>
    <message>
        <location filename="../window.py" line="414"/>
        <source>Stopped. Export the report, or go live again.</source>
        <translation>已停止。可以导出报告，或再次开播。</translation>
    </message>
    <message>
        <location filename="../window.py" line="436"/>
        <source>Could not go live.</source>
        <translation>无法开播。</translation>
    </message>
    <message>
        <location filename="../window.py" line="442"/>
        <source>{0}; or turn off Settings › Outputs › Virtual camera</source>
        <translation>{0}；或在 设置 › 输出 › 虚拟摄像头 中关闭</translation>
    </message>
    <message>
        <location filename="../window.py" line="443"/>
        <source>Could not go live</source>
        <translation>无法开始直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="474"/>
        <source>Not live: nothing was sent.</source>
        <translation>未在直播：没有发送任何内容。</translation>
    </message>
    <message>
        <location filename="../window.py" line="495"/>
        <source>The product sheet cannot be read.</source>
        <translation>无法读取商品表。</translation>
    </message>
    <message>
        <location filename="../window.py" line="541"/>
        <source>LIVE {0}</source>
        <translation>直播中 {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="560"/>
        <source>Saved. New settings apply at the next Go live.</source>
        <translation>已保存。新设置将在下次开播时生效。</translation>
    </message>
    <message>
        <location filename="../window.py" line="630"/>
        <source>Sessions and reports</source>
        <translation>场次与报告</translation>
    </message>
    <message>
        <location filename="../window.py" line="685"/>
        <source>No finished session to report on.</source>
        <translation>没有已结束的场次可生成报告。</translation>
    </message>
    <message>
        <location filename="../window.py" line="705"/>
        <source>Report written to {0}</source>
        <translation>报告已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>MicrophonePage</name>
    <message>
        <location filename="../wizard.py" line="130"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="195"/>
        <source>Say a few words: the bar should move with your voice.</source>
        <translation>说几句话：音量条应随您的声音跳动。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="134"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="141"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="183"/>
        <source>The show plays: {0}</source>
        <translation>直播播放：{0}</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>The captions follow the talk recorded in the file.</source>
        <translation>字幕跟随文件中录好的讲解。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="203"/>
        <source>No microphone? Choose “Audio file” as the sound: the captions follow a recorded talk.</source>
        <translation>没有麦克风？把声音选为“音频文件”：字幕将跟随录好的讲解。</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../widgets/models.py" line="457"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="462"/>
        <source>Bigger models are more accurate and slower. A download resumes where it stopped; every file is checked before it is used.</source>
        <translation>模型越大越准确，也越慢。下载中断后会从停下的地方继续；每个文件在使用前都会校验。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="470"/>
        <source>Speech recognition</source>
        <translation>语音识别</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="476"/>
        <source>Translation</source>
        <translation>翻译</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../wizard.py" line="305"/>
        <source>Speech model</source>
        <translation>语音模型</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="307"/>
        <source>Bigger models are more accurate and slower. “base” suits most laptops.</source>
        <translation>模型越大越准确，也越慢。“base”适合大多数笔记本电脑。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="374"/>
        <source>{0} is not installed: install it, or choose an installed model.</source>
        <translation>{0} 未安装：请安装它，或选择已安装的模型。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="399"/>
        <source>{0} could not be installed: {1}
{2} stays selected.</source>
        <translation>{0} 无法安装：{1}
仍选用 {2}。</translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <location filename="../widgets/models.py" line="128"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="129"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="130"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="131"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="132"/>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="133"/>
        <source>Suits</source>
        <translation>适合</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="139"/>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="141"/>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="143"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="145"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="240"/>
        <source>many</source>
        <translation>多语言</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="240"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="213"/>
        <source>Connect to the internet to download it.</source>
        <translation>连接网络后才能下载。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="202"/>
        <source>non-commercial use only</source>
        <translation>仅限非商业用途</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="226"/>
        <source>installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="227"/>
        <source>ready to prepare (no download)</source>
        <translation>可准备（无需下载）</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="229"/>
        <source>can download ({0} kept, resumes)</source>
        <translation>可下载（已保留 {0}，继续下载）</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="231"/>
        <source>can download</source>
        <translation>可下载</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="233"/>
        <source>needs the internet</source>
        <translation>需要网络</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="234"/>
        <source>broken: install it again</source>
        <translation>已损坏：请重新安装</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="239"/>
        <source>every pair</source>
        <translation>所有语言对</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="244"/>
        <source>fastest, more mistakes</source>
        <translation>最快，错误较多</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="245"/>
        <source>most laptops</source>
        <translation>大多数笔记本电脑</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="246"/>
        <source>more accurate, a fast computer</source>
        <translation>更准确，需要较快的电脑</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="247"/>
        <source>most accurate, needs a GPU</source>
        <translation>最准确，需要 GPU</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="248"/>
        <source>your own folder</source>
        <translation>你自己的文件夹</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="249"/>
        <source>captions and replies</source>
        <translation>字幕和回复</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="311"/>
        <source>Preparing {0} from the installed packages…</source>
        <translation>正在从已安装的软件包准备 {0}…</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="313"/>
        <source>Installing {0}…</source>
        <translation>正在安装 {0}…</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="338"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="351"/>
        <source>{0} of {1}</source>
        <translation>{0} / {1}</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="353"/>
        <source>{0}/s</source>
        <translation>{0}/秒</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="355"/>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="365"/>
        <source>Ready: {0} ({1})</source>
        <translation>已就绪：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="383"/>
        <source>Preparing {0} cancelled; Install starts it again.</source>
        <translation>已取消准备 {0}；点“安装”重新开始。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="385"/>
        <source>Download of {0} cancelled; {1} kept. Retry resumes it.</source>
        <translation>已取消下载 {0}；已保留 {1}。点“重试”继续下载。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="395"/>
        <source>No internet connection: connect, or use {0}, which is prepared from the installed packages.</source>
        <translation>没有网络连接：请连接网络，或使用 {0}（它从已安装的软件包准备，无需下载）。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="398"/>
        <source>No internet connection: connect, then retry.</source>
        <translation>没有网络连接：请连接网络后重试。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="401"/>
        <source>The connection kept dropping while {0} downloaded; what arrived is kept. Retry resumes it.</source>
        <translation>下载 {0} 时网络连接反复中断；已下载的部分已保留。点“重试”继续下载。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="406"/>
        <source>{0} arrived damaged twice (its checksum does not match), so it was not installed. Try again later.</source>
        <translation>{0} 两次下载都已损坏（校验和不符），因此没有安装。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="411"/>
        <source>{0} could not be installed: {1}</source>
        <translation>{0} 无法安装：{1}</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="426"/>
        <source>{0} could not be removed: {1}</source>
        <translation>{0} 无法删除：{1}</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="433"/>
        <source>{0} removed.</source>
        <translation>已删除 {0}。</translation>
    </message>
    <message>
        <location filename="../widgets/models.py" line="433"/>
        <source>Nothing to remove.</source>
        <translation>没有可删除的内容。</translation>
    </message>
</context>
<context>
    <name>OutputShapeCombo</name>
    <message>
        <location filename="../widgets/style_preview.py" line="46"/>
        <source>Portrait {0}×{1} (TikTok LIVE, phones)</source>
        <translation>竖屏 {0}×{1}（TikTok 直播，手机）</translation>
    </message>
    <message>
        <location filename="../widgets/style_preview.py" line="48"/>
        <source>Landscape {0}×{1}</source>
        <translation>横屏 {0}×{1}</translation>
    </message>
    <message>
        <location filename="../widgets/style_preview.py" line="60"/>
        <source>Other {0}×{1}</source>
        <translation>其他 {0}×{1}</translation>
    </message>
</context>
<context>
    <name>OutputsPanel</name>
    <message>
        <location filename="../widgets/outputs.py" line="66"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../widgets/outputs.py" line="69"/>
        <source>Virtual camera</source>
        <translation>虚拟摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/outputs.py" line="72"/>
        <source>Overlay {0}</source>
        <translation>叠加层 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/outputs.py" line="87"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>PictureSourcePicker</name>
    <message>
        <location filename="../widgets/picture.py" line="25"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="26"/>
        <source>Video file</source>
        <translation>视频文件</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="27"/>
        <source>Still image or slide</source>
        <translation>静态图片或幻灯片</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="28"/>
        <source>Test picture</source>
        <translation>测试画面</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="29"/>
        <source>None (audio only: captions for the overlay)</source>
        <translation>无（仅音频：字幕用于叠加层）</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="34"/>
        <source>the file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="45"/>
        <source>Choose the file for the picture.</source>
        <translation>请选择画面使用的文件。</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="48"/>
        <source>The picture file {0} does not exist.</source>
        <translation>画面文件 {0} 不存在。</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="52"/>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="54"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../widgets/picture.py" line="55"/>
        <source>The show&apos;s picture</source>
        <translation>直播画面</translation>
    </message>
</context>
<context>
    <name>PinnedProduct</name>
    <message>
        <location filename="../widgets/product.py" line="53"/>
        <source>On camera</source>
        <translation>正在展示</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="80"/>
        <source>No product sheet</source>
        <translation>没有商品表</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../widgets/plan_editor.py" line="638"/>
        <source>Show plan</source>
        <translation>直播计划</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../widgets/plan_editor.py" line="130"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="127"/>
        <source>⚠ for you to write</source>
        <translation>⚠ 需要您来写</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="131"/>
        <source>Generate from sheet</source>
        <translation>从商品表生成</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="132"/>
        <source>A starting plan from the product sheet</source>
        <translation>根据商品表生成初始计划</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="133"/>
        <source>Translate what is not approved</source>
        <translation>翻译未批准的内容</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="134"/>
        <source>Approve selected</source>
        <translation>批准所选</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="135"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="173"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="178"/>
        <source>Product id (the sheet&apos;s)</source>
        <translation>商品编号（商品表中的）</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="181"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="182"/>
        <source>Time box</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="187"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="188"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="189"/>
        <source>Add segment</source>
        <translation>添加段落</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="190"/>
        <source>Remove segment</source>
        <translation>删除段落</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="191"/>
        <source>Add point</source>
        <translation>添加要点</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="192"/>
        <source>Remove point</source>
        <translation>删除要点</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="294"/>
        <source>New segment</source>
        <translation>新段落</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="306"/>
        <source>A plan keeps at least one segment.</source>
        <translation>计划至少要保留一个段落。</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="319"/>
        <source>New point</source>
        <translation>新要点</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="346"/>
        <source>Segment</source>
        <translation>段落</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="378"/>
        <source>{0} approved, {1} to review, {2} for you to write or translate</source>
        <translation>{0} 条已批准，{1} 条待审核，{2} 条需要您来写或翻译</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="392"/>
        <source>Not translated yet: Translate what is not approved</source>
        <translation>尚未翻译：请点“翻译未批准的内容”</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="399"/>
        <source>No installed engine reaches {0}: write it here</source>
        <translation>没有已安装的引擎能翻译成 {0}：请在这里写</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="477"/>
        <source>Translating… %v of %m segments</source>
        <translation>正在翻译… 第 %v / %m 段</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="489"/>
        <source>Cancelling after this segment…</source>
        <translation>本段完成后取消…</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="559"/>
        <source>Replace this plan with one generated from the sheet?</source>
        <translation>用从商品表生成的计划替换当前计划吗？</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="576"/>
        <source>The plan has changes that are not saved.</source>
        <translation>计划有未保存的修改。</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="536"/>
        <source>Open show plan</source>
        <translation>打开直播计划</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="536"/>
        <source>Show plan (*.yaml *.yml)</source>
        <translation>直播计划 (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="544"/>
        <source>Save show plan</source>
        <translation>保存直播计划</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="544"/>
        <source>Show plan (*.yaml)</source>
        <translation>直播计划 (*.yaml)</translation>
    </message>
    <message>
        <location filename="../widgets/plan_editor.py" line="306"/>
        <location filename="../widgets/plan_editor.py" line="509"/>
        <location filename="../widgets/plan_editor.py" line="558"/>
        <location filename="../widgets/plan_editor.py" line="575"/>
        <location filename="../widgets/plan_editor.py" line="588"/>
        <source>Show plan</source>
        <translation>直播计划</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <location filename="../widgets/preview.py" line="117"/>
        <source>Not live — the picture viewers will see appears here.</source>
        <translation>未开播 — 观众将看到的画面会显示在这里。</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message>
        <location filename="../widgets/outputs.py" line="125"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../widgets/outputs.py" line="149"/>
        <source>Fix: {0}</source>
        <translation>解决办法：{0}</translation>
    </message>
</context>
<context>
    <name>ProductForm</name>
    <message>
        <location filename="../sheet_editor/pages.py" line="280"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="282"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="284"/>
        <source>sofa, t-shirt…</source>
        <translation>沙发、T 恤…</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="285"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="287"/>
        <source>other names viewers use, comma-separated</source>
        <translation>观众常用的其他名称，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="288"/>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="291"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="295"/>
        <source>Prices in other currencies</source>
        <translation>其他币种的价格</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="302"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="303"/>
        <source>Size</source>
        <translation>尺码</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="304"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="305"/>
        <source>Own price</source>
        <translation>单独价格</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="306"/>
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="310"/>
        <source>Add variant</source>
        <translation>添加款式</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="312"/>
        <source>Variants and stock</source>
        <translation>款式与库存</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="319"/>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="320"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="321"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="324"/>
        <source>Add spec</source>
        <translation>添加规格</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="326"/>
        <source>Specs (any property: width, battery, fabric…)</source>
        <translation>规格（任何属性：宽度、电池、面料…）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="333"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="334"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="335"/>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="338"/>
        <source>Add question</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="340"/>
        <source>Questions answered in advance</source>
        <translation>预先回答的问题</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="343"/>
        <source>This product&apos;s own terms (instead of the shop&apos;s)</source>
        <translation>此商品自己的条款（代替店铺的）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="346"/>
        <source>Own shipping</source>
        <translation>自有配送</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="347"/>
        <source>Own payment</source>
        <translation>自有付款方式</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="348"/>
        <source>Own returns</source>
        <translation>自有退货政策</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="349"/>
        <source>Own warranty</source>
        <translation>自有保修</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="350"/>
        <source>Own discounts</source>
        <translation>自有折扣</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <location filename="../sheet_editor/pages.py" line="486"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="487"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="490"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="491"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>RowsTable</name>
    <message>
        <location filename="../sheet_editor/fields.py" line="344"/>
        <source>Add</source>
        <extracomment>how prices and stock are drawn: bold, full contrast, a size up (issue 19.7: faint grey)</extracomment>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../sheet_editor/fields.py" line="345"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../sheet_editor/fields.py" line="346"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../sheet_editor/fields.py" line="347"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>SessionsDialog</name>
    <message>
        <location filename="../sessions.py" line="68"/>
        <source>Sessions and reports</source>
        <translation>场次与报告</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="78"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="78"/>
        <source>Show</source>
        <translation>场次</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="78"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="78"/>
        <source>Ended</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="78"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="85"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="87"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../sessions.py" line="112"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="71"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="82"/>
        <source>Caption languages</source>
        <translation>字幕语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="90"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="91"/>
        <location filename="../settings_dialog.py" line="339"/>
        <source>No plan</source>
        <translation>不用计划</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="92"/>
        <source>Beside the sheet</source>
        <translation>商品表旁边的计划</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="100"/>
        <location filename="../settings_dialog.py" line="346"/>
        <source>Show plan</source>
        <translation>直播计划</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="105"/>
        <source>Picture shape</source>
        <translation>画面形状</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="109"/>
        <source>Text size (px at 1080p)</source>
        <translation>字号（1080p 下的像素）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="115"/>
        <source>In portrait the captions always stay above TikTok&apos;s comments (25 %).</source>
        <translation>竖屏时字幕始终位于 TikTok 评论区（底部 25%）之上。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="117"/>
        <source>Space below the captions</source>
        <translation>字幕下方留白</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="118"/>
        <source>Dark box behind the text</source>
        <translation>文字下方加深色底框</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="121"/>
        <source>Outline around letters</source>
        <translation>文字描边</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="125"/>
        <source>Stacked (up to three languages)</source>
        <translation>叠放（最多三种语言）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="126"/>
        <source>Rotating (more languages)</source>
        <translation>轮换（更多语言）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="128"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="133"/>
        <source>Captions disappear after</source>
        <translation>字幕消失时间</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="136"/>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="141"/>
        <source>I speak</source>
        <translation>我说</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="143"/>
        <source>My viewers write in</source>
        <translation>观众使用的语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="144"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="154"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="160"/>
        <location filename="../settings_dialog.py" line="259"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="164"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="166"/>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="168"/>
        <source>0 for the first camera, or a name</source>
        <translation>0 表示第一个摄像头，或填写名称</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="169"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="171"/>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="172"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="196"/>
        <source>Install or remove…</source>
        <translation>安装或删除…</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="199"/>
        <source>Speech model</source>
        <translation>语音模型</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="202"/>
        <source>Automatic (GPU when there is one)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="203"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="204"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA GPU（CUDA）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="208"/>
        <source>Run models on</source>
        <translation>模型运行于</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="209"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="213"/>
        <source>Record the show (captioned video with sound)</source>
        <translation>录制直播（带字幕和声音的视频）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="215"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="216"/>
        <source>Saved as show.mp4 with subtitles in the session&apos;s folder.</source>
        <translation>以 show.mp4 及字幕文件保存在本场直播的文件夹中。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="220"/>
        <source>Send the picture to the virtual camera</source>
        <translation>把画面输出到虚拟摄像头</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="222"/>
        <source>Virtual camera</source>
        <translation>虚拟摄像头</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="225"/>
        <source>Your streaming app picks it up like a webcam. It needs a virtual camera driver (v4l2loopback on Linux, OBS Virtual Camera on Windows and macOS); without one, Go live says what to install.</source>
        <translation>直播软件会像选择普通摄像头一样选中它。需要虚拟摄像头驱动（Linux 上为 v4l2loopback，Windows 和 macOS 上为 OBS Virtual Camera）；没有驱动时，开始直播会提示需要安装什么。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="233"/>
        <source>Serve caption pages for OBS browser sources</source>
        <translation>为 OBS 浏览器源提供字幕页面</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="235"/>
        <source>Overlay</source>
        <translation>叠加层</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="237"/>
        <source>Only this computer can open them; the links appear under the captions.</source>
        <translation>只有本机可以打开；链接显示在字幕下方。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="242"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="248"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="250"/>
        <source>Keep viewer data for</source>
        <translation>观众数据保留</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="252"/>
        <source>Comments and viewer names older than this are deleted automatically.</source>
        <translation>超过此期限的评论和观众名称会被自动删除。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="261"/>
        <source>Window language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="262"/>
        <source>Privacy and window</source>
        <translation>隐私与界面</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="338"/>
        <source> (none beside the sheet yet: make one with Show plan…)</source>
        <translation>（商品表旁边还没有计划：用“直播计划…”制作一个）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="346"/>
        <source>Show plan (*.yaml *.yml)</source>
        <translation>直播计划 (*.yaml *.yml)</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../wizard.py" line="555"/>
        <source>Sola Studio setup</source>
        <translation>Sola Studio 设置向导</translation>
    </message>
</context>
<context>
    <name>SheetForm</name>
    <message>
        <location filename="../sheet_editor/pages.py" line="161"/>
        <source>Country (* = all others)</source>
        <translation>国家（* = 其他所有国家）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="164"/>
        <source>Cost (0 = free)</source>
        <translation>运费（0 = 免费）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="168"/>
        <source>Days from</source>
        <translation>最少天数</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="169"/>
        <source>Days to</source>
        <translation>最多天数</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="170"/>
        <source>Free over</source>
        <translation>满额包邮</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="171"/>
        <source>Carrier</source>
        <translation>承运商</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="172"/>
        <source>Not shipped</source>
        <translation>不配送</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="176"/>
        <source>Add country</source>
        <translation>添加国家</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="253"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="254"/>
        <source>Percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="255"/>
        <source>Code</source>
        <translation>优惠码</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="257"/>
        <source>From quantity</source>
        <translation>起购数量</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="259"/>
        <source>From amount</source>
        <translation>起用金额</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="260"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="263"/>
        <source>Add discount</source>
        <translation>添加折扣</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="391"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="394"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="401"/>
        <source>Add currency</source>
        <translation>添加币种</translation>
    </message>
</context>
<context>
    <name>SheetFormEditor</name>
    <message>
        <location filename="../sheet_editor/dialog.py" line="58"/>
        <source>Product sheet</source>
        <translation>商品资料表</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="76"/>
        <source>Texts in</source>
        <translation>文本语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="79"/>
        <source>The language of the names, labels and answers shown in the form</source>
        <translation>表单中显示的名称、标签和回答所用的语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="83"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="107"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="134"/>
        <source>This sheet is a CSV file; saving writes it as {0} in format 2 and uses that (the CSV file stays as it is).</source>
        <translation>此资料表是 CSV 文件；保存时将以第 2 版格式写为 {0} 并改用该文件（CSV 文件保持不变）。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="145"/>
        <source>This sheet is in the first format; saving writes it in format 2 (the old file is kept as {0}).</source>
        <translation>此资料表为第一版格式；保存时将写为第 2 版格式（旧文件保留为 {0}）。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="195"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="196"/>
        <source>Shipping, payment, returns</source>
        <translation>配送、付款、退货</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="197"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="198"/>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="199"/>
        <source>Translations</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="265"/>
        <source>{0} products, {1} variants; nothing to correct.</source>
        <translation>{0} 个商品，{1} 个款式；无需更正。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="280"/>
        <source>Fix: {0}</source>
        <translation>解决方法：{0}</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="297"/>
        <source>Use this amount</source>
        <translation>使用此金额</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="340"/>
        <location filename="../sheet_editor/dialog.py" line="346"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="357"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="358"/>
        <source>The product sheet has changes that are not saved.</source>
        <translation>商品资料表有尚未保存的更改。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="366"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="398"/>
        <source>Open a product sheet</source>
        <translation>打开商品资料表</translation>
    </message>
    <message>
        <location filename="../sheet_editor/dialog.py" line="400"/>
        <source>Product sheets (*.yaml *.yml *.csv)</source>
        <translation>商品资料表 (*.yaml *.yml *.csv)</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../wizard.py" line="413"/>
        <source>Product sheet</source>
        <translation>商品表</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="415"/>
        <source>Replies are drafted only from your sheet: prices, sizes, shipping, FAQ.</source>
        <translation>回复只根据您的商品表起草：价格、尺码、运费、常见问题。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="418"/>
        <source>Start with the sample sheet (a T-shirt shop)</source>
        <translation>使用示例商品表（T 恤店）</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="419"/>
        <source>Import my own sheet (YAML or CSV)…</source>
        <translation>导入我自己的商品表（YAML 或 CSV）…</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="436"/>
        <source>Your product sheet</source>
        <translation>您的商品表</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="454"/>
        <source>{0} products; on camera first: {1}</source>
        <translation>{0} 件商品；首先展示：{1}</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../sheet_editor/pages.py" line="55"/>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="58"/>
        <source>Seller language</source>
        <translation>卖家语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="61"/>
        <location filename="../sheet_editor/pages.py" line="75"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="63"/>
        <source>pt, en, es (comma-separated)</source>
        <translation>pt, en, es（用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="64"/>
        <source>Viewer languages</source>
        <translation>观众语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="66"/>
        <source>Low stock at or below</source>
        <translation>库存低于或等于此数时提示</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="68"/>
        <source>the first product</source>
        <translation>第一个商品</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="69"/>
        <source>Product on camera first (id)</source>
        <translation>最先上镜的商品（编号）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="74"/>
        <source>Market</source>
        <translation>市场</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="76"/>
        <source>Countries (BR, PT…)</source>
        <translation>国家（BR、PT…）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="79"/>
        <source>Add market</source>
        <translation>添加市场</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="81"/>
        <source>Markets (a price list per country)</source>
        <translation>市场（按国家的价格表）</translation>
    </message>
</context>
<context>
    <name>SoundSourcePicker</name>
    <message>
        <location filename="../widgets/sound.py" line="24"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../widgets/sound.py" line="25"/>
        <source>Audio file (a recorded talk)</source>
        <translation>音频文件（录好的讲解）</translation>
    </message>
    <message>
        <location filename="../widgets/sound.py" line="30"/>
        <source>the audio file</source>
        <translation>音频文件</translation>
    </message>
    <message>
        <location filename="../widgets/sound.py" line="42"/>
        <source>Choose the audio file for the sound.</source>
        <translation>请为声音选择音频文件。</translation>
    </message>
    <message>
        <location filename="../widgets/sound.py" line="45"/>
        <source>The audio file {0} does not exist.</source>
        <translation>音频文件 {0} 不存在。</translation>
    </message>
    <message>
        <location filename="../widgets/sound.py" line="48"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../widgets/sound.py" line="48"/>
        <source>The show&apos;s sound</source>
        <translation>直播的声音</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <location filename="../main.py" line="163"/>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../main.py" line="164"/>
        <source>Loading libraries</source>
        <translation>正在加载组件</translation>
    </message>
    <message>
        <location filename="../main.py" line="165"/>
        <source>Loading the speech model</source>
        <translation>正在加载语音识别模型</translation>
    </message>
    <message>
        <location filename="../main.py" line="168"/>
        <source>Loading the comment models</source>
        <translation>正在加载评论模型</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../widgets/status.py" line="79"/>
        <source>Caption latency {0}</source>
        <translation>字幕延迟 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/status.py" line="87"/>
        <source>RTF {0}</source>
        <translation>实时率 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/status.py" line="96"/>
        <source>Dropped frames {0}</source>
        <translation>丢帧 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/status.py" line="105"/>
        <source>CPU {0}</source>
        <translation>CPU {0}</translation>
    </message>
</context>
<context>
    <name>StylePreview</name>
    <message>
        <location filename="../widgets/style_preview.py" line="157"/>
        <source>Darkened: what TikTok&apos;s buttons and comments cover on a phone. Captions and cards stay out of it and below the face.</source>
        <translation>变暗区域：手机上 TikTok 的按钮和评论会遮住这里。字幕和卡片不会进入该区域，也不会遮住脸部。</translation>
    </message>
    <message>
        <location filename="../widgets/style_preview.py" line="162"/>
        <source>Sample captions in your languages, as the show draws them.</source>
        <translation>以你选择的语言显示的示例字幕，与直播画面中的效果相同。</translation>
    </message>
</context>
<context>
    <name>Teleprompter</name>
    <message>
        <location filename="../widgets/teleprompter.py" line="52"/>
        <source>No show plan</source>
        <translation>没有直播计划</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="65"/>
        <source>Next segment ▸</source>
        <translation>下一段 ▸</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="66"/>
        <source>Move on to the next segment (Page Down)</source>
        <translation>进入下一段（Page Down）</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="107"/>
        <source>No show plan (Settings › Plan, or run --plan FILE)</source>
        <translation>没有直播计划（设置 › 计划，或 run --plan FILE）</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="117"/>
        <source>Plan finished</source>
        <translation>计划已完成</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="117"/>
        <source>Not live</source>
        <translation>未直播</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="122"/>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/teleprompter.py" line="126"/>
        <source>Next: {0}</source>
        <translation>下一段：{0}</translation>
    </message>
</context>
<context>
    <name>TermsGroup</name>
    <message>
        <location filename="../sheet_editor/pages.py" line="190"/>
        <source>Shipping</source>
        <translation>运费与配送</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="191"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="192"/>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="193"/>
        <source>Warranty</source>
        <translation>保修</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="194"/>
        <source>Discounts and offers</source>
        <translation>折扣与优惠</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="202"/>
        <source>Methods</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="205"/>
        <source>Instalments: at most (months, empty = not stated)</source>
        <translation>分期：最多（月，留空 = 未说明）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="209"/>
        <source>Interest-free months</source>
        <translation>免息月数</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="213"/>
        <source>Interest a year (%)</source>
        <translation>年利率（%）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="216"/>
        <source>Smallest instalment</source>
        <translation>最低每期金额</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="220"/>
        <source>Instalments by (Klarna, a bank...)</source>
        <translation>分期服务商（如花呗、银行）</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="225"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="226"/>
        <source>Free returns</source>
        <translation>免费退货</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="227"/>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
</context>
<context>
    <name>TranslationsView</name>
    <message>
        <location filename="../sheet_editor/translations.py" line="40"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="45"/>
        <source>Approve all shown</source>
        <translation>批准所有显示的</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="54"/>
        <source>To</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="54"/>
        <source>Sheet text</source>
        <translation>资料表原文</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="54"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="54"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="72"/>
        <source>The translations file cannot be read ({0}).</source>
        <translation>无法读取翻译文件（{0}）。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="77"/>
        <source>No machine translations yet: the desk makes them for the viewer languages when a show starts.</source>
        <translation>尚无机器翻译：直播开始时，评论台会为观众语言生成翻译。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="82"/>
        <source>Machine translations of the sheet&apos;s texts. Correct any that is wrong; a corrected or approved text is used as written and never translated again.</source>
        <translation>资料表文本的机器翻译。请更正有误之处；更正或批准的文本将按原样使用，不会再次翻译。</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="90"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location filename="../sheet_editor/translations.py" line="112"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
</context>
<context>
    <name>TrialBox</name>
    <message>
        <location filename="../widgets/desk.py" line="215"/>
        <source>Try a comment as a viewer would write it…</source>
        <translation>像观众那样输入一条评论试试…</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="219"/>
        <source>Detect</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="223"/>
        <source>Try</source>
        <translation>试试</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="238"/>
        <source>Type a comment first.</source>
        <translation>请先输入一条评论。</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="241"/>
        <source>Drafting…</source>
        <translation>正在起草…</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="260"/>
        <source>{0} (picked; detected {1})</source>
        <translation>{0}（已选择；识别为 {1}）</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="264"/>
        <source>{0} (detected)</source>
        <translation>{0}（自动识别）</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="276"/>
        <source>needs you: {0}</source>
        <translation>需要你处理：{0}</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="278"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="279"/>
        <source>Facts: {0} · confidence {1} · a trial: not queued, not stored</source>
        <translation>依据：{0} · 置信度 {1} · 仅为试用：不进入队列，不保存</translation>
    </message>
</context>
<context>
    <name>WarrantyField</name>
    <message>
        <location filename="../sheet_editor/pages.py" line="95"/>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="96"/>
        <source>no warranty</source>
        <translation>无保修</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="97"/>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="98"/>
        <source>years</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../sheet_editor/pages.py" line="106"/>
        <source>what it covers</source>
        <translation>保修范围</translation>
    </message>
</context>
<context>
    <name>store_dialogs</name>
    <message>
        <location filename="../store_dialogs.py" line="43"/>
        <source>Profile passphrase</source>
        <translation>档案口令</translation>
    </message>
    <message>
        <location filename="../store_dialogs.py" line="80"/>
        <source>{0}

The passphrase of profile “{1}” (kept only while Sola Studio runs):</source>
        <translation>{0}

档案“{1}”的口令（只在 Sola Studio 运行期间保存）：</translation>
    </message>
    <message>
        <location filename="../store_dialogs.py" line="91"/>
        <source>{0}

Recover what it holds into a new file? The damaged file is kept beside it, renamed.</source>
        <translation>{0}

要把其中的内容恢复到新文件吗？损坏的文件会改名后保留在旁边。</translation>
    </message>
    <message>
        <location filename="../store_dialogs.py" line="97"/>
        <source>Damaged session database</source>
        <translation>会话数据库已损坏</translation>
    </message>
    <message>
        <location filename="../store_dialogs.py" line="102"/>
        <source>Session database recovered</source>
        <translation>会话数据库已恢复</translation>
    </message>
</context>
</TS>
