<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BannerStrip</name>
    <message>
        <location filename="../widgets/desk.py" line="105"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <location filename="../wizard.py" line="127"/>
        <location filename="../wizard.py" line="132"/>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="128"/>
        <source>Check that you are in the picture and the light is good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="134"/>
        <source>Show picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptionStrip</name>
    <message>
        <location filename="../widgets/captions.py" line="43"/>
        <source>Captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/captions.py" line="53"/>
        <source>Captions appear here when you go live.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentDesk</name>
    <message>
        <location filename="../widgets/desk.py" line="144"/>
        <source>Comments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="165"/>
        <source>Wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="166"/>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="167"/>
        <source>Lang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="168"/>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="169"/>
        <source>Intent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="193"/>
        <source>Draft reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="199"/>
        <source>Select a comment to see its draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="201"/>
        <source>Facts used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="209"/>
        <source>Approve &amp;&amp; send  [A]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="211"/>
        <source>Skip  [S]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="212"/>
        <source>Edit  [E]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="213"/>
        <source>Regenerate  [R]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="427"/>
        <source>needs you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="433"/>
        <source>confidence {0:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="442"/>
        <source>(no facts: the sheet is silent, check before sending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/desk.py" line="447"/>
        <source>Waiting {0} · Answered {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorPage</name>
    <message>
        <location filename="../wizard.py" line="342"/>
        <source>Check this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="343"/>
        <source>What Sola Studio found, and how to fix anything missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="347"/>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="355"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguagesPage</name>
    <message>
        <location filename="../wizard.py" line="58"/>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="60"/>
        <source>The language you speak on camera, and the ones your viewers use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="64"/>
        <source>I speak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="66"/>
        <source>My viewers write in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="85"/>
        <location filename="../window.py" line="248"/>
        <source>Sola Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="112"/>
        <location filename="../window.py" line="218"/>
        <source>Go live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="122"/>
        <location filename="../window.py" line="325"/>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="155"/>
        <source>&amp;Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="156"/>
        <source>Product sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="157"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="159"/>
        <source>Sessions and reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="160"/>
        <source>First-run setup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="161"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="200"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="201"/>
        <source>Loading models and opening devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="205"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="218"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="240"/>
        <source>Stopped. Export the report, or go live again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="247"/>
        <source>Could not go live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="268"/>
        <source>Not live: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="305"/>
        <source>LIVE {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="315"/>
        <source>No finished session to report on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../window.py" line="327"/>
        <source>Report written to {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MicrophonePage</name>
    <message>
        <location filename="../wizard.py" line="72"/>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="73"/>
        <source>Say a few words: the bar should move with your voice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="76"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../wizard.py" line="185"/>
        <source>Speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="187"/>
        <source>Bigger models are more accurate and slower. “base” suits most laptops.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="193"/>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="197"/>
        <source>Install selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="224"/>
        <source>many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="224"/>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="247"/>
        <source>Installing {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="264"/>
        <source>{0}: {1} {2} of {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="278"/>
        <source>Ready: {0} ({1})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinnedProduct</name>
    <message>
        <location filename="../widgets/product.py" line="63"/>
        <source>On camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="90"/>
        <source>No product sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <location filename="../widgets/preview.py" line="48"/>
        <source>Not live — the picture viewers will see appears here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="52"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="60"/>
        <source>Caption languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="65"/>
        <source>Text size (px at 1080p)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="66"/>
        <source>Dark box behind the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="69"/>
        <source>Outline around letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="73"/>
        <source>Stacked (up to three languages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="74"/>
        <source>Rotating (more languages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="76"/>
        <source>Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="81"/>
        <source>Captions disappear after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="82"/>
        <source>Captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="87"/>
        <source>I speak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="89"/>
        <source>My viewers write in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="90"/>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="95"/>
        <location filename="../settings_dialog.py" line="138"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="99"/>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="101"/>
        <source>0 for the first camera, or a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="102"/>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="103"/>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="111"/>
        <source>Speech model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="114"/>
        <source>Automatic (GPU when there is one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="115"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="116"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="120"/>
        <source>Run models on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="121"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="127"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="129"/>
        <source>Keep viewer data for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="131"/>
        <source>Comments and viewer names older than this are deleted automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="140"/>
        <source>Window language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="141"/>
        <source>Privacy and window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../wizard.py" line="385"/>
        <source>Sola Studio setup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetEditor</name>
    <message>
        <location filename="../widgets/product.py" line="124"/>
        <source>Product sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="133"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="148"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="162"/>
        <source>Not valid YAML: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="168"/>
        <source>{0} products, pinned: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/product.py" line="182"/>
        <source>Open a product sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../wizard.py" line="287"/>
        <source>Product sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="289"/>
        <source>Replies are drafted only from your sheet: prices, sizes, shipping, FAQ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="292"/>
        <source>Start with the sample sheet (a T-shirt shop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="293"/>
        <source>Import my own sheet (YAML or CSV)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="310"/>
        <source>Your product sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../wizard.py" line="328"/>
        <source>{0} products; on camera first: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../widgets/status.py" line="76"/>
        <source>Caption latency {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/status.py" line="84"/>
        <source>RTF {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/status.py" line="93"/>
        <source>Dropped frames {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/status.py" line="102"/>
        <source>CPU {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
