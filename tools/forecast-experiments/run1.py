from exp import *
specs={
 'none':[],
 'lw':['lw'],
 'cands':['lw','r7','r28','sw8','ly','hasly'],
 'cands+obs':['lw','r7','r28','sw8','ly','hasly','obs'],
 'all':['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl'],
 'all+biz':['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl','biz'],
 'all+hint':['lw','r7','r28','sw8','ly','hasly','obs','cv','zero','wkend','h','lvl','lw*h','r7*h','obs*h','r28*h'],
}
for name,spec in specs.items():
    for lam in (0.0,0.01,0.1):
        corr=cv(spec,lam)
        print('%-10s lam %.2f  %s'%(name,lam,fmt(by_h(tun,corr),BB_T)))
