#!/usr/bin/env python3
"""Generates the privacy-scanner corpus (positives/*.jsonl, negatives/*.jsonl).

Every secret here is synthetic: random bytes from a fixed seed, shaped like the real thing (prefixes, lengths,
alphabets, GitHub CRC32 checksums, BIP-39 checksums, HMAC-signed JWTs) so that the scanner is tested on
structurally valid values without any real credential. Run from this directory:
    python3 generate_corpus.py ../../../../src/Mining.Core/Resources/bip39-english.txt
"""
import base64, hashlib, hmac, json, os, random, string, sys, zlib

rng = random.Random(20261124)
words = open(sys.argv[1]).read().split()
assert len(words) == 2048

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase

def rand(alphabet, n): return ''.join(rng.choice(alphabet) for _ in range(n))
def rbytes(n): return bytes(rng.getrandbits(8) for _ in range(n))
def b64(n): return base64.b64encode(rbytes(n)).decode()
def b64url(data): return base64.urlsafe_b64encode(data).decode().rstrip('=')
def hex_(n): return rbytes(n).hex()

def base62(n, width):
    out = ''
    while n: n, r = divmod(n, 62); out = B62[r] + out
    return out.rjust(width, '0')

def github(prefix):
    body = rand(ALNUM, 30)
    return f"{prefix}_{body}{base62(zlib.crc32(body.encode()), 6)}"

def mnemonic(n_words, valid=True):
    ent_bits = n_words * 11 * 32 // 33
    entropy = rbytes(ent_bits // 8)
    cs_bits = ent_bits // 32
    checksum = hashlib.sha256(entropy).digest()[0] >> (8 - cs_bits)
    bits = int.from_bytes(entropy, 'big') << cs_bits | checksum
    if not valid:
        bits ^= 1  # flip the last checksum bit
    idx = [(bits >> (11 * (n_words - 1 - i))) & 2047 for i in range(n_words)]
    return [words[i] for i in idx]

def jwt(claims):
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps(claims).encode())
    sig = b64url(hmac.new(rbytes(32), f"{header}.{payload}".encode(), hashlib.sha256).digest())
    return f"{header}.{payload}.{sig}"

def pem(kind):
    body = '\n'.join(b64(48) for _ in range(rng.randint(3, 8)))
    label = f"{kind} PRIVATE KEY" if kind else "PRIVATE KEY"
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----"

pos = {}
def P(cat, rule, text): pos.setdefault(cat, []).append({"rule": rule, "text": text})

# 1. PEM private keys
for kind in ["RSA", "EC", "", "OPENSSH", "ENCRYPTED", "DSA", "RSA", "", "EC", "OPENSSH"]:
    wrap = rng.choice(["Here is the key we used:\n\n```\n{}\n```\n", "key.pem contents:\n{}\n", "const key = `{}`;", "{}"])
    P("pem-private-key", "pem-private-key", wrap.format(pem(kind)))
P("pem-private-key", "pem-private-key", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + '\n'.join(b64(48) for _ in range(4)) + "\n-----END PGP PRIVATE KEY BLOCK-----")

# 2. Ethereum private keys and keystores
eth_contexts = ["PRIVATE_KEY=0x{}", "const privateKey = '0x{}';", "cast send --private-key 0x{} $CONTRACT 'anchor()'",
                "wallet = Wallet('{}')", "DEPLOYER_KEY={}", "signer key: 0x{}", "export ETH_PRIVKEY={}",
                "sk = bytes.fromhex(\"{}\")", "The hot wallet secret was {} (rotated since).", "forge script Deploy --private-key {}",
                "key: 0x{}", "new ethers.Wallet(\"0x{}\", provider) // signing key"]
for c in eth_contexts:
    P("ethereum", "ethereum-private-key", c.format(hex_(32)))
for _ in range(3):
    ks = {"address": hex_(20), "crypto": {"cipher": "aes-128-ctr", "ciphertext": hex_(32), "cipherparams": {"iv": hex_(16)},
          "kdf": "scrypt", "kdfparams": {"dklen": 32, "n": 262144, "p": 1, "r": 8, "salt": hex_(32)}, "mac": hex_(32)},
          "id": "3198bc9c-6672-5ab3-d995-4942343ae5b6", "version": 3}
    P("ethereum", "ethereum-keystore", "Keystore file:\n```json\n" + json.dumps(ks, indent=2) + "\n```")

# 3. BIP-39 mnemonics
for n in [12, 12, 15, 18, 21, 24, 24, 12]:
    m = mnemonic(n)
    fmt = rng.choice(["{}", "words: {}", "Backup the following: {}", "{}\n"])
    P("bip39", "bip39-mnemonic", fmt.format(' '.join(m)))
m = mnemonic(12); P("bip39", "bip39-mnemonic", '\n'.join(f"{i+1}. {w}" for i, w in enumerate(m)))
m = mnemonic(24); P("bip39", "bip39-mnemonic", ', '.join(m))
m = mnemonic(12); P("bip39", "bip39-mnemonic", ' '.join(w.upper() for w in m))
P("bip39", "bip39-mnemonic", "MNEMONIC=\"" + ' '.join(mnemonic(12, valid=False)) + "\"")
P("bip39", "bip39-mnemonic", "my seed phrase is " + ' '.join(mnemonic(12, valid=False)))

# 4. AWS
for p in ["AKIA", "AKIA", "ASIA", "AKIA", "AROA"]:
    P("aws", "aws-access-key-id", rng.choice(["aws_access_key_id = {}", "AccessKeyId: {}", "export AWS_ACCESS_KEY_ID={}", "key id {} was leaked"]).format(p + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)))
for _ in range(5):
    P("aws", "aws-secret-access-key", rng.choice(["aws_secret_access_key = {}", "AWS_SECRET_ACCESS_KEY={}", "\"SecretAccessKey\": \"{}\"", "secret_access_key: {}"]).format(rand(ALNUM + "/+", 40)))

# 5. Azure storage keys, connection strings, SAS
for _ in range(4):
    P("azure", "azure-connection-string", f"DefaultEndpointsProtocol=https;AccountName=contoso{rand(string.ascii_lowercase, 4)};AccountKey={b64(64)};EndpointSuffix=core.windows.net")
for _ in range(3):
    P("azure", "azure-storage-key", rng.choice(["Primary key: {}", "key1 = \"{}\"", "storage key {}"]).format(b64(64)))
P("azure", "azure-connection-string", f"Endpoint=sb://orders-{rand(string.ascii_lowercase, 5)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={b64(32)}")
P("azure", "azure-connection-string", f"Endpoint=sb://telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={b64(32)};EntityPath=events")
for _ in range(3):
    sig = base64.b64encode(rbytes(32)).decode().replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')
    P("azure", "azure-sas-token", f"https://contoso.blob.core.windows.net/uploads/report.pdf?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig={sig}")

# 6. Entra client secrets and Function keys
for _ in range(5):
    secret = rand(ALNUM, 3) + str(rng.randint(0, 9)) + "Q~" + rand(ALNUM + "_~.-", 34)
    P("entra-functions", "entra-client-secret", rng.choice(["AZURE_CLIENT_SECRET={}", "\"ClientSecret\": \"{}\"", "client secret value: {}", "az login --service-principal -p {}"]).format(secret))
for _ in range(5):
    key = b64url(rbytes(40)) + "=="
    P("entra-functions", "azure-function-key", rng.choice(["https://orders-api.azurewebsites.net/api/submit?code={}", "curl -H \"x-functions-key: {}\" https://fn.azurewebsites.net/api/run", "x-functions-key: {}"]).format(key))

# 7. GitHub and GitLab
for p in ["ghp", "gho", "ghu", "ghs", "ghr", "ghp"]:
    P("git-tokens", "github-token", rng.choice(["GITHUB_TOKEN={}", "git clone https://x-access-token:{}@github.com/org/repo", "token: {}", "gh auth login --with-token <<< {}"]).format(github(p)))
P("git-tokens", "github-token", "export GH_PAT=github_pat_" + rand(ALNUM, 22) + "_" + rand(ALNUM, 59))
for p in ["glpat", "glpat", "gldt", "glrt"]:
    P("git-tokens", "gitlab-token", rng.choice(["GITLAB_TOKEN={}", "PRIVATE-TOKEN: {}", "token {}"]).format(f"{p}-{rand(ALNUM + '_-', 20)}"))

# 8. AI vendor keys
ai = [
    "sk-proj-" + rand(ALNUM + "_-", 156),
    "sk-" + rand(ALNUM, 20) + "T3BlbkFJ" + rand(ALNUM, 20),
    "sk-svcacct-" + rand(ALNUM + "_-", 120),
    "sk-ant-api03-" + rand(ALNUM + "_-", 93) + "AA",
    "sk-ant-admin01-" + rand(ALNUM + "_-", 93) + "AA",
    "AIza" + rand(ALNUM + "_-", 35),
    "hf_" + rand(string.ascii_letters, 34),
    "gsk_" + rand(ALNUM, 52),
    "r8_" + rand(ALNUM, 37),
    "xai-" + rand(ALNUM, 80),
    "pplx-" + rand(ALNUM, 48),
    "sk-" + rand(string.hexdigits.lower()[:16], 32),
]
for k in ai:
    P("ai-keys", "ai-api-key", rng.choice(["OPENAI_API_KEY={}", "client = Anthropic(api_key=\"{}\")", "key: {}", "export KEY={}", "Use {} for the eval run."]).format(k))

# 9. Slack and Discord
for p in ["xoxb", "xoxp", "xoxa", "xoxe"]:
    P("chat", "slack-token", rng.choice(["SLACK_BOT_TOKEN={}", "token={}", "Authorization header {}"]).format(f"{p}-{rng.randint(10**11, 10**12)}-{rng.randint(10**11, 10**12)}-{rand(ALNUM, 24)}"))
for _ in range(2):
    P("chat", "slack-webhook", f"curl -X POST -d @msg.json https://hooks.slack.com/services/T{rand(string.ascii_uppercase + string.digits, 8)}/B{rand(string.ascii_uppercase + string.digits, 10)}/{rand(ALNUM, 24)}")
for _ in range(3):
    uid = str(rng.randint(10**17, 10**18))
    P("chat", "discord-token", rng.choice(["DISCORD_TOKEN={}", "client.login('{}')", "bot token {}"]).format(f"{b64url(uid.encode())}.{rand(ALNUM + '_-', 6)}.{rand(ALNUM + '_-', 38)}"))
for _ in range(2):
    P("chat", "discord-webhook", f"https://discord.com/api/webhooks/{rng.randint(10**17, 10**18)}/{rand(ALNUM + '_-', 68)}")

# 10. JWT, bearer, basic
for _ in range(5):
    t = jwt({"sub": str(rng.randint(1000, 9999)), "iat": 1763900000 + rng.randint(0, 10**6), "scope": "read write"})
    P("jwt-bearer", "jwt", rng.choice(["Authorization: Bearer {}", "id_token={}", "\"access_token\": \"{}\"", "PINATA_JWT={}"]).format(t))
for _ in range(3):
    P("jwt-bearer", "bearer-token", rng.choice(["curl -H 'Authorization: Bearer {}' https://api.internal-tools.io/v1/jobs", "Authorization: Bearer {}"]).format(rand(ALNUM + "._-", 48)))
for _ in range(2):
    cred = base64.b64encode(f"deploy:{rand(ALNUM, 18)}".encode()).decode()
    P("jwt-bearer", "basic-auth", f"Authorization: Basic {cred}")

# 11. URLs with credentials and provider keys
for scheme, host in [("postgres", "db.prod.acme.io:5432/orders"), ("mysql", "mysql.acme.io/app"), ("redis", "cache.acme.io:6379"), ("mongodb+srv", "cluster0.ab1cd.mongodb.net/app"), ("https", "ipfs.infura.io:5001/api/v0/add"), ("amqp", "rabbit.acme.io:5672")]:
    P("url-credentials", "url-credentials", f"{scheme}://svc_{rand(string.ascii_lowercase, 4)}:{rand(ALNUM, 20)}@{host}")
P("url-credentials", "url-credentials", f"git remote add origin https://builder:{rand(ALNUM, 24)}@git.acme.io/team/repo.git")
for url in [f"https://mainnet.infura.io/v3/{hex_(16)}", f"https://eth-mainnet.g.alchemy.com/v2/{rand(ALNUM + '_-', 32)}",
            f"https://young-wild-frost.quiknode.pro/{hex_(20)}/", f"https://rpc.ankr.com/eth/{hex_(32)}",
            f"https://api.etherscan.io/api?module=account&action=balance&apikey={rand(string.ascii_uppercase + string.digits, 34)}",
            f"https://gateway.pinata.cloud/ipfs/bafy?pinataGatewayToken={rand(ALNUM + '_-', 64)}"]:
    P("url-credentials", "provider-key-in-url", rng.choice(["RPC_URL={}", "provider = JsonRpcProvider(\"{}\")", "{}"]).format(url))

# 12. Generic key = value secrets
generic = ["password = \"{}\"", "DB_PASSWORD={}", "client_secret: {}", "\"apiKey\": \"{}\"", "API_TOKEN={}", "SECRET_KEY = '{}'",
           "webhook_secret := \"{}\"", "auth_key => '{}'", "passphrase: {}", "SENDGRID_API_KEY={}", "jwtSigningKey = \"{}\""]
for g in generic:
    P("generic", "generic-secret", g.format(rand(ALNUM + "!@#%^*-_", rng.randint(14, 40))))

# 13. Email addresses
first = ["maria", "j.smith", "chen.wei", "olga", "pkumar", "a.nguyen", "lars.eriksson", "fatima", "tom_b", "k.tanaka", "devon+ci"]
domains = ["gmail.com", "acme-corp.com", "outlook.de", "protonmail.ch", "company.co.uk", "uni-heidelberg.de", "fastmail.fm", "users.noreply.github.com", "yahoo.co.jp", "startup.io", "corp.acme.com"]
for f, d in zip(first, domains):
    P("email", "email-address", rng.choice(["Contact {} for access.", "git config user.email \"{}\"", "Signed-off-by: Someone <{}>", "Reported by {}"]).format(f"{f}@{d}"))

# 14. Phone numbers
for ph in ["+49 30 12345678", "+44 20 7946 0958", "+1 (415) 555-2671", "+33 1 42 68 53 00", "+81 3-1234-5678", "(212) 555-0187", "415-867-5309", "+91 98765 43210", "+61 2 9374 4000", "+1-650-253-0000"]:
    P("phone", "phone-number", rng.choice(["Call me at {}.", "On-call phone: {}", "tel: {}", "Reach the vendor on {}"]).format(ph))

# 15. Paths with user names
for path in ["/home/mschmidt/projects/api/.env", "/Users/jennifer.lee/Library/Caches/", "C:\\Users\\RKapoor\\source\\repos\\app", "C:/Users/olivia/AppData/Local/Temp/build.log",
             "/home/tkowalski/.ssh/id_ed25519", "/Users/dmitri/go/pkg/mod", "C:\\\\Users\\\\hans.mueller\\\\Desktop", "/home/priya.n/venv/bin/python",
             "/Users/sam-oconnor/dev/site/node_modules", "at Object.<anonymous> (/home/lwong/app/server.js:14:7)"]:
    P("user-paths", "user-path", rng.choice(["Stack trace: {}", "Open {} and edit it.", "error in {}", "{}"]).format(path))

# 16. Private IPs and internal hosts
for ip in ["10.12.4.31", "192.168.178.20", "172.20.3.7", "10.0.0.14", "169.254.12.9", "100.72.10.5", "fd12:3456:789a:1::20", "192.168.1.105"]:
    P("network", "private-ip", rng.choice(["ssh admin@{}", "The API runs on http://{}:8080", "DB_HOST={}", "ping {} failed"]).format(ip))
for host in ["build01.corp", "grafana.intranet", "nas.lan", "jenkins.prod.internal", "printer-3f.local", "ldap.acme.localdomain", "vault.home.arpa", "db-primary.eu-west.internal"]:
    P("network", "internal-host", rng.choice(["connect to {} on port 5432", "https://{}/dashboard", "Host {}", "curl http://{}:9200/_cat/indices"]).format(host))

neg = {}
def N(cat, text): neg.setdefault(cat, []).append({"text": text})

for _ in range(10):
    u = '-'.join([hex_(4), hex_(2), hex_(2), hex_(2), hex_(6)])
    N("uuids", rng.choice(["request id {}", "\"id\": \"{}\"", "Guid.Parse(\"{}\")", "correlation {} failed after 3 retries"]).format(u))
for _ in range(10):
    h = hex_(20)
    N("git-hashes", rng.choice(["commit {}", "git cherry-pick {}", "fixed in {} (see PR #812)", "Merge: {} {}"]).format(h, h[:7]))
for _ in range(10):
    N("content-hashes", rng.choice(["sha256: {}", "SHA-256 checksum of the tarball: {}", "\"sessionDigest\": \"sha256:{}\"", "ETag: \"{}\"", "digest {}"]).format(hex_(32)))
for _ in range(4):
    N("content-hashes", f"\"integrity\": \"sha512-{b64(64)}\"")
for _ in range(8):
    digest = bytes([0x12, 0x20]) + rbytes(32)
    v1 = "b" + base64.b32encode(bytes([0x01, rng.choice([0x55, 0x70])]) + digest).decode().lower().rstrip('=')
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    n = int.from_bytes(digest, 'big'); v0 = ''
    while n: n, r = divmod(n, 58); v0 = alphabet[r] + v0
    N("cids", rng.choice(["ipfs cat {}", "https://ipfs.io/ipfs/{}", "pinned {}", "CID {} is anchored"]).format(rng.choice([v1, v0])))
for _ in range(10):
    N("transaction-hashes", rng.choice(["tx hash 0x{}", "\"transactionHash\": \"0x{}\"", "\"blockHash\": \"0x{}\"", "cast receipt 0x{}", "See https://sepolia.etherscan.io/tx/0x{}", "topics[1] = 0x{}", "storage slot 0x{}", "merkle root 0x{}"]).format(hex_(32)))
N("transaction-hashes", "Transfer topic 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")
N("transaction-hashes", "EIP-1967 implementation slot 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc")
for _ in range(10):
    N("addresses", rng.choice(["send to 0x{}", "\"rewardAddress\": \"0x{}\"", "contract deployed at 0x{}", "cast balance 0x{}"]).format(hex_(20)))
for _ in range(6):
    image = base64.b64encode(b'\x89PNG' + rbytes(rng.randint(300, 900))).decode()
    N("base64-images", f"![diagram](data:image/png;base64,{image})")
placeholders = [
    "OPENAI_API_KEY=sk-your-key-here", "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "password: ${DB_PASSWORD}", "const apiKey = process.env.API_KEY;",
    "Authorization: Bearer <token>", "curl -H \"Authorization: Bearer $TOKEN\" https://api.github.com/user", "postgres://user:password@localhost:5432/app",
    "token = os.environ[\"GITHUB_TOKEN\"]", "client_secret: \"<your-client-secret>\"", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
    "PRIVATE_KEY=0x<your private key>", "ANTHROPIC_API_KEY=sk-ant-api03-...", "password = \"changeme\"", "secret: {{ .Values.secret }}",
    "apiKey: YOUR_API_KEY", "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/XXX/YYY/ZZZ", "\"ConnectionStrings\": { \"Db\": \"Server=.;Database=app;User Id=sa;Password=<password>\" }",
    "password: ${{ secrets.DB_PASSWORD }}", "mongodb://admin:admin@localhost:27017", "x-functions-key: <function-key>", "secretKeyRef:\n  name: db-secret\n  key: password",
]
for p in placeholders: N("placeholders", p)
N("azurite", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")
N("azurite", "The Azurite key Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw== is public.")
N("azurite", "\"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\"")
N("azurite", "anvil --mnemonic \"test test test test test test test test test test test junk\"")
N("azurite", "cast send --private-key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80 (anvil account 0)")
for _ in range(3):
    N("wordlist-lookalikes", ' '.join(mnemonic(12, valid=False)))
N("wordlist-lookalikes", "We decided to abandon the old approach because every action had to wait for the other one.")
N("wordlist-lookalikes", "Seed the database with ten users before the test run; the fixture seeds orders too.")
code_and_prose = [
    "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />", "[assembly: AssemblyVersion(\"10.0.0.0\")]", "System.Runtime, Version=10.0.0.0, Culture=neutral",
    "Released v10.2.1.4 on 2026-11-20T10:00:00+00:00", "Private ranges are 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16.", "Listen on 127.0.0.1:5000 and 0.0.0.0:8080",
    "Use host.docker.internal to reach the host from a container.", "Copy appsettings.local.json next to appsettings.json.", "The GCE metadata server is metadata.google.internal.",
    "curl http://169.254.169.254/latest/meta-data/", "Author: Jane Doe <jane@example.com>", "git@github.com:dotnet/runtime.git", "Co-Authored-By: Claude <noreply@anthropic.com>",
    "![logo](images/logo@2x.png)", "npm install lodash@4.17.21 @types/node@22.10.1", "FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:" + hex_(32),
    "Paths in CI look like /home/runner/work/repo/repo/src.", "Open C:\\Users\\<user>\\AppData\\Roaming\\npm", "cd ~/projects/api && dotnet run", "ls /Users/$USER/Library",
    "%USERPROFILE% is C:\\Users\\%USERNAME% on Windows.", "Files live in $HOME/.config/app.", "/home/user/app is the default working directory in the image.",
    " 12 files changed, 340 insertions(+), 27 deletions(-)", "@@ -14,7 +14,9 @@ public sealed class OrderService", "Timeout after 30000 ms (attempt 3 of 5).",
    "The order total was 1234567890 cents.", "ISBN 978-3-16-148410-0", "Call Math.Round(2.5, MidpointRounding.AwayFromZero) to get 3.", "Set max_tokens: 4096 and temperature: 0.2.",
    "tokenizer = AutoTokenizer.from_pretrained(\"bert-base-uncased\")", "token: string; password: string;", "def verify(password: str) -> bool:", "SECRET_KEY = get_random_secret_key()",
    "secretName: prod-db-password", "Store the secret in Key Vault and reference it with @Microsoft.KeyVault(SecretUri=...).", "const key = crypto.randomUUID();",
    "apiVersion: apps/v1\nkind: Deployment", "SELECT id, email_verified FROM users WHERE created_at > now() - interval '7 days';", "for (let i = 0; i < tokens.length; i++) total += tokens[i];",
    "this.local = new Map(); // cache of resolved modules", "import com.acme.internal.Foo;", "The build took 4m12s on a 2-core runner.", "Kestrel listens on https://localhost:7001.",
    "Tag the image as registry.acme.io/api:1.4.2.", "Phone numbers must be E.164, e.g. +[country][number].", "Use ${{ github.token }} for the checkout step.",
    "The JWT header is base64url-encoded JSON such as {\"alg\":\"HS256\"}.", "A GitHub token starts with ghp_ and a GitLab token with glpat-.", "An AWS key id starts with AKIA.",
    "Date: Tue, 24 Nov 2026 06:15:59 GMT", "Chrome/131.0.6778.86 Safari/537.36", "Download https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz",
    "Block 21,345,678 was finalized after 64 slots.", "Gas used: 74,812 (limit 90,000).", "keccak256(abi.encode(account, amount)) is the leaf.",
    "The mnemonic is generated by the wallet; never paste it anywhere.", "kubernetes.default.svc.cluster.local resolves inside the cluster.",
]
for t in code_and_prose: N("code-and-prose", t)

realistic = [
    "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENV ASPNETCORE_URLS=http://+:8080\nCOPY --from=build /app .\nENTRYPOINT [\"dotnet\", \"Api.dll\"]",
    "services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_DB: app",
    "env:\n  - name: API_TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: api-secrets\n        key: token",
    "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}",
    "\"ConnectionStrings\": { \"Default\": \"Server=localhost;Database=app;Trusted_Connection=True;TrustServerCertificate=True\" }",
    "var token = await credential.GetTokenAsync(new TokenRequestContext(scopes), cancellationToken);",
    "hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
    "const { data: { session } } = await supabase.auth.getSession();",
    "bytes32 public constant OPERATOR_ROLE = keccak256(\"OPERATOR_ROLE\");",
    "bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));",
    "Author: dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
    "   at Mining.Core.Privacy.PrivacyScanner.Scan(LearningInput learning) in /src/Mining.Core/Privacy/PrivacyScanner.cs:line 42",
    "npm ERR! code E401\nnpm ERR! Unable to authenticate, need: Basic realm=\"GitHub Package Registry\"",
    "curl -H \"Authorization: Bearer ${{ secrets.API_TOKEN }}\" https://api.github.com/repos/org/repo/dispatches",
    "export PATH=\"$HOME/.dotnet:$PATH\"",
    "CREATE INDEX ix_orders_customer_id ON orders (customer_id) INCLUDE (total, created_at);",
    "const emailPattern = /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/;",
    "See https://github.com/dotnet/runtime/blob/main/src/libraries/System.Text.Json/src/System/Text/Json/Document/JsonDocument.cs#L120",
    "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=00000000-0000-0000-0000-000000000000&response_type=code&redirect_uri=http://localhost:5000/signin-oidc",
    "pip install \"requests>=2.31\" && pnpm add -D vitest@2.1.8",
    "The accent colour is #ff8800 and the border #1f2937.",
    hex_(32) + "  dotnet-sdk-10.0.100-linux-x64.tar.gz",
    "github.com/stretchr/testify v1.9.0 h1:" + b64(32),
    "\"password\": { \"type\": \"string\", \"minLength\": 12 }",
    "def login(username: str, password: str) -> Token:",
    "{\"access_token\": \"<redacted>\", \"token_type\": \"Bearer\", \"expires_in\": 3599}",
    "administrator_login_password = random_password.sql.result",
    "A token bucket with 100 tokens per second smooths the bursts; passwordless sign-in avoids the reset flow.",
    "2026-11-24 06:15:59.123 +00:00 [INF] Request finished in 12.4 ms 200",
    "The pod CIDR is 10.244.0.0/16; public resolvers 8.8.8.8 and 1.1.1.1 answered.",
    "Windows build 10.0.26100.1742 ships the fix.",
    "| 401 | Unauthorized | missing or invalid token |\n| 403 | Forbidden | token lacks the scope |",
    "Set `maxRetryCount: 5` and `secretRotationDays: 30` in the options.",
    "tx: await registry.anchor(root, leafCount, manifestDigest, rewardsRoot)",
    "Use Keccak-256 (0x" + hex_(4) + "… is only the selector) and compare against cast keccak.",
    "ssh-keygen -t ed25519 -C \"deploy key for CI\" -f ~/.ssh/id_ed25519",
    "The public key line starts with ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rand(ALNUM + "+/", 43) + " ci@build",
    "-----BEGIN CERTIFICATE-----\n" + '\n'.join(b64(48) for _ in range(4)) + "\n-----END CERTIFICATE-----",
    "-----BEGIN PUBLIC KEY-----\n" + '\n'.join(b64(48) for _ in range(2)) + "\n-----END PUBLIC KEY-----",
    "A BIP-39 mnemonic has 12 to 24 words; the last word carries a checksum.",
]
realistic += [
    "Sign it with the deployer's private key; the transaction hash is 0x" + hex_(32),
    "The signer submitted it and the tx hash was 0x" + hex_(32) + ".",
    "wallet.sendTransaction(tx) resolved with hash 0x" + hex_(32),
]
for t in realistic: N("realistic-code", t)

sample_body = "## Fix\n\nThe retry loop re-used the same HttpRequestMessage, which .NET refuses to send twice. Create a new request per attempt:\n\n```csharp\nfor (var attempt = 1; attempt <= 3; attempt++)\n{\n    using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };\n    var response = await client.SendAsync(request, ct);\n    if (response.IsSuccessStatusCode) return response;\n}\n```\n\n"
embedded = [
    ("github-token", "github-token", "Configure the client:\n\n```bash\nexport GITHUB_TOKEN=" + github("ghp") + "\n```\n"),
    ("ai-keys", "ai-api-key", "```python\nclient = OpenAI(api_key=\"sk-proj-" + rand(ALNUM + "_-", 100) + "\")\n```\n"),
    ("email", "email-address", "Thanks to rafael.souza@outlook.com for the repro.\n"),
    ("network", "private-ip", "The staging API at http://10.40.2.17:5000 answered 502.\n"),
    ("ethereum", "ethereum-private-key", "```js\nconst signer = new Wallet(\"0x" + hex_(32) + "\", provider);\n```\n"),
]
for cat, rule, secret in embedded:
    P(cat if cat != "github-token" else "git-tokens", rule, sample_body + secret + sample_body)

def split(value, at):
    return value[:at] + "\u200b" + value[at:]
P("git-tokens", "github-token", "token: " + split(github("ghp"), 10))
P("aws", "aws-access-key-id", "AWS_ACCESS_KEY_ID=" + split("AKIA" + rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), 6))
P("email", "email-address", "mail " + split("ines.garcia@proton.me", 5) + " for access")
P("ai-keys", "ai-api-key", "ANTHROPIC_API_KEY=" + "sk-ant-api03-" + rand(ALNUM, 40) + "\u00ad" + rand(ALNUM, 53) + "AA")

os.makedirs("positives", exist_ok=True); os.makedirs("negatives", exist_ok=True)
for cat, items in pos.items():
    with open(f"positives/{cat}.jsonl", "w") as f:
        for i in items: f.write(json.dumps(i, ensure_ascii=False) + "\n")
for cat, items in neg.items():
    with open(f"negatives/{cat}.jsonl", "w") as f:
        for i in items: f.write(json.dumps(i, ensure_ascii=False) + "\n")
# Wrapped positives (issue 22): the first sample of every category in every form the scanner decodes, encoded here
# independently of the C# tests (json, base64, urllib). A separate generator keeps the files above unchanged.
import urllib.parse
wrng = random.Random(20261202)
def chunks(text, size): return [text[i:i + size] for i in range(0, len(text), size)]
def csharp(text): return text.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\r', '\\r').replace('\t', '\\t')
forms = {
    "escaped": lambda t: "SETTING=" + json.dumps(t),
    "embedded-json": lambda t: '"credentials": ' + json.dumps(json.dumps({"name": "config", "value": t})),
    "base64": lambda t: "kind: Secret\ndata:\n  config: " + base64.b64encode(t.encode()).decode(),
    "percent-encoded": lambda t: "https://app.example.com/callback?state=" + urllib.parse.quote(t, safe=''),
    "concatenated": lambda t: "var value = " + " +\n    ".join('"' + csharp(c) + '"' for c in chunks(t, wrng.randint(5, 11))) + ";",
}
os.makedirs("wrapped", exist_ok=True)
for form, wrap in forms.items():
    with open(f"wrapped/{form}.jsonl", "w") as f:
        for cat, items in pos.items():
            sample = items[0]
            f.write(json.dumps({"rule": sample["rule"], "form": form, "text": wrap(sample["text"])}, ensure_ascii=False) + "\n")

print(sum(map(len, pos.values())), "positives;", sum(map(len, neg.values())), "negatives;", len(forms) * len(pos), "wrapped positives")
