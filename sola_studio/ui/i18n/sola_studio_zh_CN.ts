<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BannerStrip</name>
    <message>
        <location filename="../widgets/desk.py" line="140"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../wizard.py" line="127"/>
        <location filename="../wizard.py" line="132"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="128"/>
        <source>Check that you are in the picture and the light is good.</source>
        <translation>确认您在画面中，光线充足。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="134"/>
        <source>Show picture</source>
        <translation>显示画面</translation>
    </message>
</context>
<context>
    <name>CaptionStrip</name>
    <message>
        <location filename="../widgets/captions.py" line="43"/>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../widgets/captions.py" line="53"/>
        <source>Captions appear here when you go live.</source>
        <translation>开播后字幕会显示在这里。</translation>
    </message>
</context>
<context>
    <name>DeskPanel</name>
    <message>
        <location filename="../widgets/desk.py" line="189"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="210"/>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="211"/>
        <source>Viewer</source>
        <translation>观众</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="212"/>
        <source>Lang</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="213"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="214"/>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="242"/>
        <source>Draft reply</source>
        <translation>回复草稿</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="248"/>
        <source>Select a comment to see its draft.</source>
        <translation>选择一条评论查看回复草稿。</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="250"/>
        <source>Facts used</source>
        <translation>引用的事实</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="258"/>
        <source>Approve &amp;&amp; send  [A]</source>
        <translation>批准并发送  [A]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="260"/>
        <source>Skip  [S]</source>
        <translation>跳过  [S]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="261"/>
        <source>Edit  [E]</source>
        <translation>编辑  [E]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="262"/>
        <source>Regenerate  [R]</source>
        <translation>重新生成  [R]</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="494"/>
        <source>needs you</source>
        <translation>需要您处理</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="496"/>
        <source>confidence {0}</source>
        <translation>置信度 {0}</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="503"/>
        <source>(no facts: the sheet is silent, check before sending)</source>
        <translation>（无事实依据：商品表中没有相关信息，发送前请核实）</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="505"/>
        <source>(none needed)</source>
        <translation>（无需事实依据）</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="510"/>
        <source>Waiting {0} · Answered {1}</source>
        <translation>待回复 {0} · 已回复 {1}</translation>
    </message>
</context>
<context>
    <name>DeskFeed</name>
    <message>
        <location filename="../desk_feed.py" line="94"/>
        <source>{0} viewers asked about {1}. One answer for all: “{2}”</source>
        <translation>{0} 位观众询问了{1}。统一回复：“{2}”</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="102"/>
        <source>Send to all</source>
        <translation>发送给所有人</translation>
    </message>
    <message>
        <location filename="../desk_feed.py" line="109"/>
        <source>Restock: {0} asks for {1}, {2} left.</source>
        <translation>补货提醒：{1} 被询问 {0} 次，仅剩 {2} 件。</translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../wizard.py" line="342"/>
        <source>Check this machine</source>
        <translation>检查本机</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="343"/>
        <source>What Sola Studio found, and how to fix anything missing.</source>
        <translation>Sola Studio 的检查结果，以及缺失项的修复方法。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="347"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="355"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>Intent</name>
    <message>
        <location filename="../widgets/desk.py" line="72"/>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="73"/>
        <source>shipping</source>
        <translation>运费</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="74"/>
        <source>size &amp; stock</source>
        <translation>尺码与库存</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="75"/>
        <source>material</source>
        <translation>材质</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="76"/>
        <source>payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="77"/>
        <source>returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="78"/>
        <source>discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="79"/>
        <source>greeting</source>
        <translation>问候</translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="80"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>LanguagesPage</name>
    <message>
        <location filename="../wizard.py" line="58"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="60"/>
        <source>The language you speak on camera, and the ones your viewers use.</source>
        <translation>您直播时说的语言，以及观众使用的语言。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="64"/>
        <source>I speak</source>
        <translation>我说</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="66"/>
        <source>My viewers write in</source>
        <translation>观众使用的语言</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="349"/>
        <source>Reply copied: paste it in the {0} chat</source>
        <translation>回复已复制:请粘贴到 {0} 聊天中</translation>
    </message>
    <message>
        <location filename="../window.py" line="107"/>
        <source>Sola Studio</source>
        <translation>Sola Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="140"/>
        <location filename="../window.py" line="261"/>
        <source>Go live</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="150"/>
        <location filename="../window.py" line="483"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../window.py" line="171"/>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="192"/>
        <source>&amp;Studio</source>
        <translation>工作室(&amp;S)</translation>
    </message>
    <message>
        <location filename="../window.py" line="193"/>
        <source>Product sheet…</source>
        <translation>商品表…</translation>
    </message>
    <message>
        <location filename="../window.py" line="194"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../window.py" line="196"/>
        <source>Sessions and reports…</source>
        <translation>场次与报告…</translation>
    </message>
    <message>
        <location filename="../window.py" line="197"/>
        <source>First-run setup…</source>
        <translation>初始设置…</translation>
    </message>
    <message>
        <location filename="../window.py" line="198"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../window.py" line="243"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../window.py" line="244"/>
        <source>Loading models and opening devices…</source>
        <translation>正在加载模型并打开设备…</translation>
    </message>
    <message>
        <location filename="../window.py" line="248"/>
        <location filename="../window.py" line="500"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../window.py" line="261"/>
        <source>Stop</source>
        <translation>停止直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="294"/>
        <source>Captions without {0}</source>
        <translation>字幕缺少 {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="295"/>
        <source>No translation model for these caption languages is installed.</source>
        <translation>这些字幕语言的翻译模型尚未安装。</translation>
    </message>
    <message>
        <location filename="../window.py" line="307"/>
        <source>Stopped. Export the report, or go live again.</source>
        <translation>已停止。可以导出报告，或再次开播。</translation>
    </message>
    <message>
        <location filename="../window.py" line="322"/>
        <source>Could not go live.</source>
        <translation>无法开播。</translation>
    </message>
    <message>
        <location filename="../window.py" line="328"/>
        <source>{0}; or turn off Settings › Outputs › Virtual camera</source>
        <translation>{0}；或在 设置 › 输出 › 虚拟摄像头 中关闭</translation>
    </message>
    <message>
        <location filename="../window.py" line="329"/>
        <source>Could not go live</source>
        <translation>无法开始直播</translation>
    </message>
    <message>
        <location filename="../window.py" line="350"/>
        <source>Not live: nothing was sent.</source>
        <translation>未在直播：没有发送任何内容。</translation>
    </message>
    <message>
        <location filename="../window.py" line="391"/>
        <source>LIVE {0}</source>
        <translation>直播中 {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="407"/>
        <source>Saved. New settings apply at the next Go live.</source>
        <translation>已保存。新设置将在下次开播时生效。</translation>
    </message>
    <message>
        <location filename="../window.py" line="472"/>
        <source>No finished session to report on.</source>
        <translation>没有已结束的场次可生成报告。</translation>
    </message>
    <message>
        <location filename="../window.py" line="488"/>
        <source>Report written to {0}</source>
        <translation>报告已保存到 {0}</translation>
    </message>
</context>
<context>
    <name>MicrophonePage</name>
    <message>
        <location filename="../wizard.py" line="72"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="73"/>
        <source>Say a few words: the bar should move with your voice.</source>
        <translation>说几句话：音量条应随您的声音跳动。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="76"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../wizard.py" line="185"/>
        <source>Speech model</source>
        <translation>语音模型</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="187"/>
        <source>Bigger models are more accurate and slower. “base” suits most laptops.</source>
        <translation>模型越大越准确，也越慢。“base”适合大多数笔记本电脑。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="197"/>
        <source>Install selected</source>
        <translation>安装所选模型</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="224"/>
        <source>many</source>
        <translation>多语言</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="224"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="247"/>
        <source>Installing {0}…</source>
        <translation>正在安装 {0}…</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="264"/>
        <source>{0}: {1} {2} of {3}</source>
        <translation>{0}：{1} {2} / {3}</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="278"/>
        <source>Ready: {0} ({1})</source>
        <translation>已就绪：{0}（{1}）</translation>
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
    <name>PinnedProduct</name>
    <message>
        <location filename="../widgets/product.py" line="63"/>
        <source>On camera</source>
        <translation>正在展示</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="90"/>
        <source>No product sheet</source>
        <translation>没有商品表</translation>
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
        <location filename="../widgets/outputs.py" line="119"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../widgets/outputs.py" line="127"/>
        <source>Fix: {0}</source>
        <translation>解决办法：{0}</translation>
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
        <location filename="../settings_dialog.py" line="52"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="60"/>
        <source>Caption languages</source>
        <translation>字幕语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="65"/>
        <source>Text size (px at 1080p)</source>
        <translation>字号（1080p 下的像素）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="66"/>
        <source>Dark box behind the text</source>
        <translation>文字下方加深色底框</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="69"/>
        <source>Outline around letters</source>
        <translation>文字描边</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="73"/>
        <source>Stacked (up to three languages)</source>
        <translation>叠放（最多三种语言）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="74"/>
        <source>Rotating (more languages)</source>
        <translation>轮换（更多语言）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="76"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="81"/>
        <source>Captions disappear after</source>
        <translation>字幕消失时间</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="82"/>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="87"/>
        <source>I speak</source>
        <translation>我说</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="89"/>
        <source>My viewers write in</source>
        <translation>观众使用的语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="90"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="95"/>
        <location filename="../settings_dialog.py" line="171"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="99"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="101"/>
        <source>0 for the first camera, or a name</source>
        <translation>0 表示第一个摄像头，或填写名称</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="102"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="103"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="111"/>
        <source>Speech model</source>
        <translation>语音模型</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="114"/>
        <source>Automatic (GPU when there is one)</source>
        <translation>自动（有 GPU 时使用 GPU）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="115"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="116"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA GPU（CUDA）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="120"/>
        <source>Run models on</source>
        <translation>模型运行于</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="121"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="125"/>
        <source>Record the show (captioned video with sound)</source>
        <translation>录制直播（带字幕和声音的视频）</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="127"/>
        <source>Recording</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="128"/>
        <source>Saved as show.mp4 with subtitles in the session&apos;s folder.</source>
        <translation>以 show.mp4 及字幕文件保存在本场直播的文件夹中。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="132"/>
        <source>Send the picture to the virtual camera</source>
        <translation>把画面输出到虚拟摄像头</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="134"/>
        <source>Virtual camera</source>
        <translation>虚拟摄像头</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="137"/>
        <source>Your streaming app picks it up like a webcam. It needs a virtual camera driver (v4l2loopback on Linux, OBS Virtual Camera on Windows and macOS); without one, Go live says what to install.</source>
        <translation>直播软件会像选择普通摄像头一样选中它。需要虚拟摄像头驱动（Linux 上为 v4l2loopback，Windows 和 macOS 上为 OBS Virtual Camera）；没有驱动时，开始直播会提示需要安装什么。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="145"/>
        <source>Serve caption pages for OBS browser sources</source>
        <translation>为 OBS 浏览器源提供字幕页面</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="147"/>
        <source>Overlay</source>
        <translation>叠加层</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="149"/>
        <source>Only this computer can open them; the links appear under the captions.</source>
        <translation>只有本机可以打开；链接显示在字幕下方。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="154"/>
        <source>Outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="160"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="162"/>
        <source>Keep viewer data for</source>
        <translation>观众数据保留</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="164"/>
        <source>Comments and viewer names older than this are deleted automatically.</source>
        <translation>超过此期限的评论和观众名称会被自动删除。</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="173"/>
        <source>Window language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="174"/>
        <source>Privacy and window</source>
        <translation>隐私与界面</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../wizard.py" line="385"/>
        <source>Sola Studio setup</source>
        <translation>Sola Studio 设置向导</translation>
    </message>
</context>
<context>
    <name>SheetEditor</name>
    <message>
        <location filename="../widgets/product.py" line="126"/>
        <source>Product sheet</source>
        <translation>商品表</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="135"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="150"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="164"/>
        <source>Not valid YAML: {0}</source>
        <translation>不是有效的 YAML：{0}</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="170"/>
        <source>{0} products, pinned: {1}</source>
        <translation>{0} 件商品，置顶：{1}</translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="184"/>
        <source>Open a product sheet</source>
        <translation>打开商品表</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../wizard.py" line="287"/>
        <source>Product sheet</source>
        <translation>商品表</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="289"/>
        <source>Replies are drafted only from your sheet: prices, sizes, shipping, FAQ.</source>
        <translation>回复只根据您的商品表起草：价格、尺码、运费、常见问题。</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="292"/>
        <source>Start with the sample sheet (a T-shirt shop)</source>
        <translation>使用示例商品表（T 恤店）</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="293"/>
        <source>Import my own sheet (YAML or CSV)…</source>
        <translation>导入我自己的商品表（YAML 或 CSV）…</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="310"/>
        <source>Your product sheet</source>
        <translation>您的商品表</translation>
    </message>
    <message>
        <location filename="../wizard.py" line="328"/>
        <source>{0} products; on camera first: {1}</source>
        <translation>{0} 件商品；首先展示：{1}</translation>
    </message>
</context>
<context>
    <name>Splash</name>
    <message>
        <location filename="../main.py" line="130"/>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location filename="../main.py" line="131"/>
        <source>Loading libraries</source>
        <translation>正在加载组件</translation>
    </message>
    <message>
        <location filename="../main.py" line="132"/>
        <source>Loading the speech model</source>
        <translation>正在加载语音识别模型</translation>
    </message>
    <message>
        <location filename="../main.py" line="135"/>
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
</TS>
