from exp import *
specs={
 'cands':['lw','r7','r28','sw8','ly','hasly'],
 'all':['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl'],
 'all+biz':['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl','biz'],
 'all+hint':['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl','lw*h','r7*h','obs*h','r28*h'],
 'r7only':['r7'], 'r7h':['r7','r7*h'], 'obs':['obs'], 'obsh':['obs','obs*h'],
}
for name,spec in specs.items():
    for lam,hub,wt in ((0.01,None,'none'),(0.1,None,'none'),(0.01,0.1,'share'),(0.1,0.1,'share'),(0.03,0.05,'share')):
        corr=cv(spec,lam,hub,wt)
        print('%-10s lam %.2f hub %s wt %-5s %s'%(name,lam,hub,wt,fmt(by_h(tun,corr),BB_T)))
